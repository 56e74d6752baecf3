use pyo3::prelude::*;

#[pymodule]
fn _acme(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
