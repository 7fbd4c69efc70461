//! Two small collections that replace `BTreeMap` and `BTreeSet` in the
//! widget. Each B-tree key and value type is compiled into the wasm as its
//! own copy of the tree code; six of them cost about 26 KB of the patient's
//! download. What the widget keeps is small or only looked up:
//!
//! - [`SmallMap`]: a few entries under string keys (a text's languages, the
//!   widget's words), kept in the order they were given, searched in order;
//! - [`IdSet`]: ids (open questions, ticked items), kept sorted, searched by
//!   halving, so a guide with 1,000 questions stays quick.

/// A map with few entries, in the order they were inserted.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SmallMap<V>(Vec<(String, V)>);

impl<V> Default for SmallMap<V> {
    fn default() -> Self {
        SmallMap(Vec::new())
    }
}

impl<V> SmallMap<V> {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets the value under `key`, in place if it had one, else at the end.
    pub fn insert(&mut self, key: String, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = value,
            None => self.0.push((key, value)),
        }
    }

    /// The first value inserted.
    pub(crate) fn first(&self) -> Option<&V> {
        self.0.first().map(|(_, v)| v)
    }

    /// Each key and value, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<V> FromIterator<(String, V)> for SmallMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut map = SmallMap::default();
        for (key, value) in items {
            map.insert(key, value);
        }
        map
    }
}

/// A set of ids, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdSet(Vec<String>);

impl IdSet {
    pub fn contains(&self, id: &str) -> bool {
        self.0
            .binary_search_by(|probe| probe.as_str().cmp(id))
            .is_ok()
    }

    /// Adds `id`; false if it was there already.
    pub fn insert(&mut self, id: String) -> bool {
        match self.0.binary_search(&id) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, id);
                true
            }
        }
    }

    /// Removes `id`; false if it was not there.
    pub fn remove(&mut self, id: &str) -> bool {
        match self.0.binary_search_by(|probe| probe.as_str().cmp(id)) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The ids in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl Extend<String> for IdSet {
    /// Adds many ids at once: appended, then sorted once (opening all of
    /// 1,000 questions is one sort, not 1,000 insertions).
    fn extend<I: IntoIterator<Item = String>>(&mut self, ids: I) {
        self.0.extend(ids);
        self.0.sort_unstable();
        self.0.dedup();
    }
}

impl FromIterator<String> for IdSet {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Self {
        let mut set = IdSet::default();
        set.extend(ids);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_map_keeps_order_and_replaces() {
        let mut map: SmallMap<u32> = [("es".to_owned(), 1), ("en".to_owned(), 2)]
            .into_iter()
            .collect();
        map.insert("es".to_owned(), 3);
        assert_eq!(map.iter().collect::<Vec<_>>(), [("es", &3), ("en", &2)]);
        assert_eq!(map.get("en"), Some(&2));
        assert_eq!(map.get("fr"), None);
        assert_eq!(map.first(), Some(&3));
        assert!(map.contains_key("es") && !map.contains_key("e"));
        assert_eq!(map.iter().count(), 2);
        assert_eq!(SmallMap::<u32>::default().iter().count(), 0);
    }

    #[test]
    fn id_set_is_a_sorted_set() {
        let mut set: IdSet = ["b", "a", "b"].map(str::to_owned).into_iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), ["a", "b"]);
        assert!(set.insert("c".to_owned()));
        assert!(!set.insert("a".to_owned()));
        assert!(set.contains("c") && !set.contains("d"));
        assert!(set.remove("a") && !set.remove("a"));
        set.extend(["z".to_owned(), "b".to_owned()]);
        assert_eq!(set.iter().collect::<Vec<_>>(), ["b", "c", "z"]);
        assert_eq!(set.len(), 3);
        set.clear();
        assert!(set.is_empty());
    }
}
