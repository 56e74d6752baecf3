import { ReleaseJob } from '../plan/jobs';
import { ReleasePlan } from '../plan/release-plan';

/** A Mermaid node or subgraph id (job ids have hyphens, which Mermaid reads as arrows). */
const nodeId = (jobId: string) => `j_${jobId.replace(/[^A-Za-z0-9_]/g, '_')}`;
const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

/** Each job's needs without the ones another of its needs already waits for. */
function directNeeds(jobs: readonly ReleaseJob[]): Map<string, string[]> {
  const ancestors = new Map<string, Set<string>>();
  for (const job of jobs) {
    const all = new Set<string>();
    for (const need of job.needs) {
      all.add(need);
      for (const a of ancestors.get(need) ?? []) all.add(a);
    }
    ancestors.set(job.id, all);
  }
  return new Map(jobs.map((job) => [
    job.id,
    job.needs.filter((need) => !job.needs.some((other) => other !== need && ancestors.get(other)?.has(need))),
  ]));
}

interface Group {
  readonly id: string;
  readonly jobs: ReleaseJob[];
}

/** The box of a group: its one job, or a subgraph around its jobs. */
const boxId = (g: Group) => (g.jobs.length === 1 ? g.id : `g_${g.id.slice(2)}`);

/**
 * The release's job graph as a Mermaid flowchart (GitHub renders it): every job
 * with its id and title, an arrow from each job to the jobs that wait for it
 * (arrows implied by others left out), and jobs of one kind that wait for the
 * same jobs drawn as one box, so a release with many platforms stays readable.
 * A dotted arrow leads to a job that runs only when its condition holds.
 */
export function releaseDiagram(plan: ReleasePlan): string {
  const direct = directNeeds(plan.jobs);
  const byId = new Map(plan.jobs.map((j) => [j.id, j]));
  // A test waits for its own platform's build: tests of every platform are one box, after the builds.
  const ownBuild = (job: ReleaseJob, need: string) => {
    const needed = byId.get(need);
    return job.kind === 'test' && needed?.kind === 'build' && needed.platform.id === job.platform.id;
  };
  const groups: Group[] = [];
  for (const job of plan.jobs) {
    const last = groups[groups.length - 1];
    const key = (j: ReleaseJob) => `${j.kind} ${j.condition === undefined} ${direct.get(j.id)!.map((n) => (ownBuild(j, n) ? 'own build' : n)).join(' ')}`;
    if (last && key(last.jobs[0]) === key(job)) last.jobs.push(job);
    else groups.push({ id: nodeId(job.id), jobs: [job] });
  }
  const groupOf = new Map<string, Group>(groups.flatMap((g) => g.jobs.map((j): [string, Group] => [j.id, g])));

  const lines = ['```mermaid', 'flowchart LR'];
  for (const group of groups) {
    if (group.jobs.length === 1) {
      const [job] = group.jobs;
      lines.push(`  ${group.id}[${label(`${job.id}: ${job.title}`)}]`);
      continue;
    }
    // Jobs side by side in a left-to-right graph stack vertically: many platforms make it taller, not wider.
    lines.push(`  subgraph ${boxId(group)}[${label(`${group.jobs.length} ${group.jobs[0].kind} jobs`)}]`, '    direction LR');
    for (const job of group.jobs) lines.push(`    ${nodeId(job.id)}[${label(`${job.id}: ${job.title}`)}]`);
    lines.push('  end');
  }
  // One arrow per pair of boxes: from a group when the job waits for all of it.
  const edges = new Set<string>();
  for (const group of groups) {
    const arrow = group.jobs[0].condition === undefined ? '-->' : '-.->';
    for (const need of direct.get(group.jobs[0].id)!) {
      const from = groupOf.get(need)!;
      if (ownBuild(group.jobs[0], need)) {
        edges.add(`  ${boxId(from)} ${arrow}|${group.jobs.length > 1 ? 'each after its own build' : 'after its build'}| ${boxId(group)}`);
        continue;
      }
      const whole = from.jobs.every((j) => direct.get(group.jobs[0].id)!.includes(j.id));
      edges.add(`  ${whole ? boxId(from) : nodeId(need)} ${arrow} ${boxId(group)}`);
    }
  }
  lines.push(...edges, '```');
  return lines.join('\n');
}
