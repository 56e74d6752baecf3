import { CostAssumptionValues, Estimate, SEED_DOCUMENT_ESTIMATE } from './cost-model';

/** The estimate as stored in the runtime config and shown by the checklist and `release:plan`. */
export interface EstimateReport {
  readonly workflow: Omit<Estimate, 'jobs'>;
  readonly seedStyle: Omit<Estimate, 'jobs'>;
  readonly assumptions: CostAssumptionValues;
}

export function estimateReport(workflow: Estimate, seedStyle: Estimate, assumptions: CostAssumptionValues): EstimateReport {
  const strip = ({ jobs: _, ...summary }: Estimate) => summary;
  return { workflow: strip(workflow), seedStyle: strip(seedStyle), assumptions };
}

const jobs = (e: Omit<Estimate, 'jobs'>) => {
  const total = Object.values(e.jobsPerKind).reduce((a, b) => a + b, 0);
  return `${total} (${Object.entries(e.jobsPerKind).map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
};

/** Markdown table comparing this workflow, the seed's job layout, and the seed document's own figures. */
export function formatEstimate(report: EstimateReport): string {
  const { workflow, seedStyle, assumptions: a } = report;
  return [
    '| per release | this workflow | same coverage, one job per platform × Python (seed layout) | seed document\'s estimate (3 OS × 3 Python) |',
    '| --- | --- | --- | --- |',
    `| jobs | ${jobs(workflow)} | ${jobs(seedStyle)} | 14 (9 build, 3 test, 1 publish, 1 release) |`,
    `| critical path (tag → GitHub Release) | ${workflow.criticalPathMinutes} min | ${seedStyle.criticalPathMinutes} min | target (NFR1): under ${SEED_DOCUMENT_ESTIMATE.targetMinutes} min |`,
    `| runner-minutes | ${workflow.runnerMinutes} | ${seedStyle.runnerMinutes} | ~${SEED_DOCUMENT_ESTIMATE.runnerMinutes} |`,
    `| billed minutes | ${workflow.billedMinutes} | ${seedStyle.billedMinutes} | ~${SEED_DOCUMENT_ESTIMATE.billedMinutes} |`,
    '',
    `Assumptions (minutes; override with \`costAssumptions\`): job start-up and checkout ${a.jobStartup}; manylinux container ${a.linuxContainer}; ` +
      `setup-python ${a.setupPython} per version; compile ${a.compileFirstInterpreter} for a job's first interpreter and ${a.compileAdditionalInterpreter} for each further one; ` +
      `tests ${a.testPerPythonVersion} per Python version; sdist ${a.sdist}; publish ${a.publish}; install check ${a.verify}. ` +
      `Each job is billed rounded up to a whole minute, times ${a.multiplierLinux} (Linux), ${a.multiplierWindows} (Windows), ${a.multiplierMacos} (macOS). ` +
      'A manual dry run costs the same minus publishing, verification and the release.',
  ].join('\n');
}
