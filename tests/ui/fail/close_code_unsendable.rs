use close_codes::{CloseCode, close_code};

// 2000 lies in the unnamed 1016-2999 row, which is not Custom `Yes`.
const CODE: CloseCode = close_code!(CloseCode, 2000);

fn main() {
    let _ = CODE;
}
