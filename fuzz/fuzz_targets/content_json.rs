//! Bytes -> `content::json::parse_bytes`. Never panics; every error has a
//! 1-based position and a message; a parsed tree written back with `to_json`
//! parses again to the same tree (positions aside), and writing is stable.
#![no_main]

use infusion_guide::content::json::{self, Node, Value};
use libfuzzer_sys::fuzz_target;

/// Whether two values are equal, ignoring every position. Numbers compare by
/// bits, so `-0` must stay `-0`.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(&x.value, &y.value))
        }
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys)
                    .all(|(x, y)| x.key == y.key && same(&x.value.value, &y.value.value))
        }
        _ => false,
    }
}

fn check_positions(node: &Node) {
    assert!(node.pos.line >= 1 && node.pos.column >= 1, "value without a position: {node:?}");
    match &node.value {
        Value::Array(items) => items.iter().for_each(check_positions),
        Value::Object(members) => {
            for member in members {
                assert!(member.key_pos.line >= 1 && member.key_pos.column >= 1);
                check_positions(&member.value);
            }
        }
        Value::Number(n) => assert!(n.is_finite(), "non-finite number {n}"),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    match json::parse_bytes(data) {
        Ok(node) => {
            check_positions(&node);
            let text = node.to_json();
            let again = match json::parse(&text) {
                Ok(again) => again,
                Err(err) => panic!("to_json output does not parse: {err}\n{text:?}"),
            };
            assert!(
                same(&node.value, &again.value),
                "round trip changed the value:\n{node:?}\n{again:?}\n{text:?}"
            );
            assert_eq!(again.to_json(), text, "to_json is not stable");
        }
        Err(err) => {
            assert!(err.pos.line >= 1 && err.pos.column >= 1, "error without a position: {err:?}");
            assert!(!err.message.is_empty(), "error without a message: {err:?}");
        }
    }
});
