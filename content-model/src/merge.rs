//! Merges a clinic's content file onto the built-in default.
//!
//! The rules (also in docs/content-format.md, "Clinic overrides"):
//! objects merge field by field (texts are objects, so one language can be
//! changed alone); `null` removes an optional field; the lists of items with
//! ids merge by id (`"remove": true` drops an item, `"after": "id"` places
//! one, new ids go at the end); every other list and every plain value is
//! replaced whole. The merge works on JSON trees, before any typed checks, so
//! the decoder then checks the merged document once, with positions pointing
//! into the clinic's file wherever the clinic's file supplied the value.

use super::error::{ContentError, ErrorKind};
use super::json::{Member, Node, Pos, Value};

/// The top-level lists whose items have ids and merge by id.
pub const ID_LISTS: &[&str] = &[
    "steps",
    "timeline",
    "faq_categories",
    "faq",
    "checklist",
    "questions_to_ask",
];

/// Fields that steer the merge of an id-list item; they are not content.
const MERGE_FIELDS: &[&str] = &["remove", "after"];

/// Merges `clinic` onto `base` (the default document).
///
/// Problems that only the merge can see (an item without an id, removing an
/// id that does not exist, `after` naming an unknown id) are returned with
/// the merged tree; the caller decides what to do with them.
pub(crate) fn merge(base: Node, clinic: Node) -> (Node, Vec<ContentError>) {
    let mut errors = Vec::new();
    let merged = match (base.value, clinic.value) {
        (Value::Object(base_members), Value::Object(clinic_members)) => {
            let mut members = base_members;
            for member in clinic_members {
                if ID_LISTS.contains(&member.key.as_str()) {
                    let key = member.key.clone();
                    match take_member(&mut members, &key) {
                        Some(base_list) => {
                            let value = merge_id_list(base_list, member.value, &key, &mut errors);
                            members.push(Member { value, ..member });
                        }
                        None => members.push(without_merge_fields(member)),
                    }
                } else {
                    merge_member(&mut members, member);
                }
            }
            Node {
                value: Value::Object(members),
                pos: clinic.pos,
            }
        }
        // Not an object: the decoder reports it against the clinic's node.
        (_, value) => Node {
            value,
            pos: clinic.pos,
        },
    };
    (merged, errors)
}

/// Deep-merges one field into an object's fields.
fn merge_member(members: &mut Vec<Member>, patch: Member) {
    let position = members.iter().position(|m| m.key == patch.key);
    match (position, patch.value.value) {
        // null removes an optional field (a required one is then reported missing).
        (Some(i), Value::Null) => {
            members.remove(i);
        }
        (None, Value::Null) => {}
        (Some(i), Value::Object(patch_fields))
            if matches!(members[i].value.value, Value::Object(_)) =>
        {
            let target = &mut members[i];
            if let Value::Object(fields) = &mut target.value.value {
                for field in patch_fields {
                    merge_member(fields, field);
                }
            }
            target.value.pos = patch.value.pos;
            target.key_pos = patch.key_pos;
        }
        (Some(i), value) => {
            members[i] = Member {
                key: patch.key,
                key_pos: patch.key_pos,
                value: Node {
                    value,
                    pos: patch.value.pos,
                },
            };
        }
        (None, value) => members.push(Member {
            key: patch.key,
            key_pos: patch.key_pos,
            value: Node {
                value,
                pos: patch.value.pos,
            },
        }),
    }
}

fn take_member(members: &mut Vec<Member>, key: &str) -> Option<Node> {
    let i = members.iter().position(|m| m.key == key)?;
    Some(members.remove(i).value)
}

/// Merges a clinic's id-list onto the default's, by id.
fn merge_id_list(base: Node, patch: Node, key: &str, errors: &mut Vec<ContentError>) -> Node {
    let (mut items, patches) = match (base.value, patch.value) {
        (Value::Array(items), Value::Array(patches)) => (items, patches),
        // Not a list in the clinic's file: it replaces the default's, and the
        // decoder says what was expected.
        (_, value) => {
            return Node {
                value,
                pos: patch.pos,
            }
        }
    };
    let mut seen: Vec<String> = Vec::new();
    for (index, item) in patches.into_iter().enumerate() {
        let path = format!("{key}[{index}]");
        let Some(id) = item_id(&item, &path, &seen, errors) else {
            continue;
        };
        seen.push(id.clone());
        let existing = position_of(&items, &id);
        if item.get("remove").and_then(|n| n.value.as_bool()) == Some(true) {
            match existing {
                Some(i) => {
                    items.remove(i);
                }
                None => errors.push(ContentError::new(
                    ErrorKind::Invalid,
                    &format!("{path}.remove"),
                    item.pos,
                    format!("there is no item \"{id}\" in {key} to remove"),
                )),
            }
            continue;
        }
        if let Some(flag) = item
            .get("remove")
            .filter(|n| n.value.as_bool() != Some(false))
        {
            errors.push(ContentError::new(
                ErrorKind::Type,
                &format!("{path}.remove"),
                flag.pos,
                format!("expected true or false, found {}", flag.value.kind_name()),
            ));
        }
        let after = placement(&item, &path, errors);
        let merged = match existing {
            Some(i) => {
                let merged = merge_item(items.remove(i), item);
                if after.is_none() {
                    items.insert(i, merged);
                    continue;
                }
                merged
            }
            None => strip_merge_fields(item),
        };
        let at = match &after {
            None => items.len(),
            Some((after, _)) if after.is_empty() => 0,
            Some((after, pos)) => position_of(&items, after).map_or_else(
                || {
                    errors.push(ContentError::new(
                        ErrorKind::Invalid,
                        &format!("{path}.after"),
                        *pos,
                        format!("there is no item \"{after}\" in {key} to place this one after"),
                    ));
                    items.len()
                },
                |i| i + 1,
            ),
        };
        items.insert(at, merged);
    }
    Node {
        value: Value::Array(items),
        pos: patch.pos,
    }
}

/// The `id` of the clinic's list item at `path`, or `None` after an error
/// when it has none or repeats one of `seen`.
fn item_id(
    item: &Node,
    path: &str,
    seen: &[String],
    errors: &mut Vec<ContentError>,
) -> Option<String> {
    let Some(id) = item.get("id").and_then(|n| n.value.as_str()) else {
        errors.push(ContentError::new(
            ErrorKind::Missing,
            &format!("{path}.id"),
            item.pos,
            "each item here needs an \"id\": the id of a default item to change, or a new id to add one",
        ));
        return None;
    };
    if seen.iter().any(|s| s == id) {
        errors.push(ContentError::new(
            ErrorKind::Duplicate,
            &format!("{path}.id"),
            item.get("id").map_or(item.pos, |n| n.pos),
            format!("the id \"{id}\" is used twice in this list; ids must be unique"),
        ));
        return None;
    }
    Some(id.to_owned())
}

/// Where in `items` the item with `id` is.
fn position_of(items: &[Node], id: &str) -> Option<usize> {
    items
        .iter()
        .position(|n| n.get("id").and_then(|i| i.value.as_str()) == Some(id))
}

/// The item's `after` (the id to place it after, `""` for first) with its
/// position, or `None` when it has none (or, after an error, not a string).
fn placement(item: &Node, path: &str, errors: &mut Vec<ContentError>) -> Option<(String, Pos)> {
    let node = item.get("after")?;
    match node.value.as_str() {
        Some(after) => Some((after.to_owned(), node.pos)),
        None => {
            errors.push(ContentError::new(
                ErrorKind::Type,
                &format!("{path}.after"),
                node.pos,
                format!(
                    "expected the id of the item to place this one after (\"\" for first), found {}",
                    node.value.kind_name()
                ),
            ));
            None
        }
    }
}

/// Merges one id-list item onto the default's item of the same id.
fn merge_item(base: Node, patch: Node) -> Node {
    let patch = strip_merge_fields(patch);
    match (base.value, patch.value) {
        (Value::Object(mut fields), Value::Object(patch_fields)) => {
            for field in patch_fields {
                merge_member(&mut fields, field);
            }
            Node {
                value: Value::Object(fields),
                pos: patch.pos,
            }
        }
        (_, value) => Node {
            value,
            pos: patch.pos,
        },
    }
}

fn strip_merge_fields(mut node: Node) -> Node {
    if let Value::Object(fields) = &mut node.value {
        fields.retain(|m| !MERGE_FIELDS.contains(&m.key.as_str()));
    }
    node
}

fn without_merge_fields(mut member: Member) -> Member {
    if let Value::Array(items) = member.value.value {
        member.value.value = Value::Array(items.into_iter().map(strip_merge_fields).collect());
    }
    member
}

/// Sets every position in `node` to [`Pos::BUILT_IN`]: values from the built-in default
/// are not in the clinic's file, so errors about them point nowhere.
pub(crate) fn forget_positions(node: &mut Node) {
    node.pos = Pos::BUILT_IN;
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(forget_positions),
        Value::Object(members) => {
            for member in members {
                member.key_pos = Pos::BUILT_IN;
                forget_positions(&mut member.value);
            }
        }
        _ => {}
    }
}
