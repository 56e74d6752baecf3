fn main() {
    println!("acme {}", env!("CARGO_PKG_VERSION"));
}
