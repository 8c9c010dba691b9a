fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(&p).unwrap();
    let r = scrutiny::read::read(&p, &b).unwrap();
    print!("{}", r.text);
}
