//! Object fragments: one function assembled on its own, on the thread that emitted it, then
//! placed into the module's buffer in module order.
//!
//! A function is fed to a fresh [`ObjectBuffer`] of its own; [`ObjectBuffer::into_fragment`]
//! turns that buffer into a [`Fragment`] (owned, so it can cross threads: label names are copied
//! into one string, one name per line), and [`ObjectBuffer::append`] places it at the module's
//! current position. Placing it does what feeding the same text at that position does: the same
//! bytes, labels interned in the same order (so the same ids), the same fixups, mapping symbols,
//! call-frame and debug records. Fixups are not resolved in the fragment: the module's
//! [`ObjectBuffer::finish`] resolves them all, as it does for text.
//!
//! That equality holds when the fragment's content does not depend on where it lands, which
//! [`ObjectBuffer::append`] checks before it changes anything:
//! - each section's offset in the module is a multiple of the fragment section's greatest
//!   alignment, so every `.p2align` inside pads as it did in the fragment;
//! - the module has no forward short-range branch waiting for its target (an island could have
//!   fallen inside the fragment), and [`ObjectBuffer::into_fragment`] refuses a fragment that
//!   has one left at its end (its target may lie before it in the module, where a backward
//!   branch would have been relaxed instead);
//! - no branch the fragment relaxed goes to a label the module already made global (the text
//!   would not have been relaxed).
//!
//! When a check fails, `append` places nothing and says so, and the caller assembles the text.
//! Where the text would be an error (a label defined twice, content before any section) the
//! fragment is refused or `append` fails: it never places something the text would reject.

use super::cfi::Fde;
use super::dwarf::DebugFunc;
use super::{Fix, Fixup, FixupKind, LabelId, ObjectBuffer, Section};
use crate::debug::Loc;

/// A label of a fragment (its name, if it has one, is the next line of [`Fragment::names`]).
#[derive(Clone, Copy, Debug)]
struct FragLabel {
    named: bool,
    def: Option<(usize, u64)>,
    global: bool,
    func: bool,
    size: Option<u64>,
}

/// One function's assembled content, position-independent (see the module header).
pub struct Fragment<K: FixupKind> {
    sections: Vec<Section>,
    cur: usize,
    labels: Vec<FragLabel>,
    /// The named labels' names in label order, each ended by `\n`.
    names: String,
    fixups: Vec<Fixup<K>>,
    fdes: Vec<Fde>,
    rows: Vec<(usize, u64, Loc)>,
    funcs: Vec<DebugFunc>,
    /// Targets of branches relaxed in the fragment.
    relaxed: Vec<LabelId>,
}

impl<K: FixupKind> Fragment<K> {
    /// The label names, one per line (`\n` after each): a caller that renames labels (pool
    /// placeholders) rewrites this text and hands the result to [`ObjectBuffer::append`].
    pub fn names(&self) -> &str {
        &self.names
    }

    /// The greatest alignment any of its sections asks for: [`ObjectBuffer::append`] places
    /// it only where each section's offset is a multiple of its alignment.
    pub fn alignment(&self) -> u64 {
        self.sections.iter().map(|s| s.align).max().unwrap_or(1)
    }

    /// [`Self::names`], taken out (the fragment keeps an empty string).
    pub fn take_names(&mut self) -> String {
        std::mem::take(&mut self.names)
    }
}

impl<'a, K: FixupKind> ObjectBuffer<'a, K> {
    /// This buffer, which holds one function fed from its start, as a [`Fragment`]; an error
    /// when it is not self-contained: a call-frame or function-information record still open, a
    /// `.file`, content or a label before any section, or a short-range branch whose target it
    /// does not define.
    pub fn into_fragment(mut self) -> Result<Fragment<K>, String> {
        if self.open_fde.is_some() || self.open_func.is_some() {
            return Err("a call-frame or function record is still open".into());
        }
        if !self.debug.files.is_empty() {
            return Err("`.file` in a fragment".into());
        }
        if self.cur >= self.sections.len() {
            return Err("no section".into());
        }
        for (_, q) in &self.pending {
            if q.iter()
                .any(|&i| self.labels[self.fixups[i].target as usize].def.is_none())
            {
                return Err("a short branch to a label outside the fragment".into());
            }
        }
        self.resolve_anonymous()?;
        let mut names = String::new();
        let mut labels = Vec::with_capacity(self.labels.len());
        for l in &self.labels {
            if l.def.is_some_and(|(s, _)| s >= self.sections.len()) {
                return Err("a label before any section".into());
            }
            if let Some(n) = l.name {
                if n.contains('\n') {
                    return Err(format!("label name {n:?}"));
                }
                names.push_str(n);
                names.push('\n');
            }
            labels.push(FragLabel {
                named: l.name.is_some(),
                def: l.def,
                global: l.global,
                func: l.func,
                size: l.size,
            });
        }
        Ok(Fragment {
            sections: std::mem::take(&mut self.sections),
            cur: self.cur,
            labels,
            names,
            fixups: std::mem::take(&mut self.fixups),
            fdes: std::mem::take(&mut self.fdes),
            rows: std::mem::take(&mut self.debug.rows),
            funcs: std::mem::take(&mut self.debug.funcs),
            relaxed: std::mem::take(&mut self.relaxed),
        })
    }

    /// Resolve now what `finish` would resolve of the fixups whose targets are anonymous
    /// labels (a function's own labels): a pc-relative reference or a label difference within
    /// one section. Such a label never becomes global and its distance does not depend on where
    /// the fragment lands, so the bytes are those `finish` would write; the module then neither
    /// rebases nor resolves these fixups (most of a function's: its branches).
    fn resolve_anonymous(&mut self) -> Result<(), String> {
        let labels = &self.labels;
        let sections = &mut self.sections;
        let mut err = None;
        self.fixups.retain(|f| {
            let t = &labels[f.target as usize];
            if t.name.is_some() || t.global || err.is_some() {
                return true;
            }
            let at = f.offset as usize;
            match (f.kind, t.def) {
                (Fix::Code(k), Some((s, off))) if s == f.section && k.resolves_in_section() => {
                    let delta = off as i64 + f.addend - f.offset as i64;
                    if let Err(e) = k.patch(&mut sections[s].data[at..at + 4], delta) {
                        err = Some(e);
                        return true;
                    }
                    false
                }
                (Fix::Diff32(minus), Some((s1, a))) => {
                    let m = &labels[minus as usize];
                    match m.def {
                        Some((s2, c)) if m.name.is_none() && s1 == f.section && s2 == f.section => {
                            let v = (a as i64 - c as i64) as i32;
                            sections[s1].data[at..at + 4].copy_from_slice(&v.to_le_bytes());
                            false
                        }
                        _ => true,
                    }
                }
                _ => true,
            }
        });
        err.map_or(Ok(()), Err)
    }

    /// Place `f` at the current position, as feeding its text here would (see the module
    /// header); `names` is [`Fragment::names`], renamed as the module names the labels.
    /// `Ok(false)`: it cannot be placed here exactly, and nothing changed; an error (a label
    /// both defines, a name missing) leaves the buffer unusable, as a text error does.
    pub fn append(&mut self, f: Fragment<K>, names: &'a str) -> Result<bool, String> {
        let names: Vec<&'a str> = names.split_terminator('\n').collect();
        if names.len() != f.labels.iter().filter(|l| l.named).count() {
            return Err("fragment names do not match its labels".into());
        }
        // The checks, before anything changes.
        for s in &f.sections {
            let base = self
                .sections
                .iter()
                .find(|m| m.kind == s.kind)
                .map_or(0, |m| m.data.len() as u64);
            if !base.is_multiple_of(s.align) {
                return Ok(false);
            }
        }
        for (_, q) in &mut self.pending {
            while let Some(&i) = q.front() {
                if self.labels[self.fixups[i].target as usize].def.is_none() {
                    return Ok(false);
                }
                q.pop_front();
            }
        }
        if !f.relaxed.is_empty() {
            let mut name_of = Vec::with_capacity(f.labels.len());
            let mut k = 0;
            for l in &f.labels {
                name_of.push(l.named.then(|| names[k]));
                k += usize::from(l.named);
            }
            for &t in &f.relaxed {
                let global = name_of[t as usize]
                    .and_then(|n| self.by_name.get(n))
                    .is_some_and(|&id| self.labels[id as usize].global);
                if global {
                    return Ok(false);
                }
            }
        }
        // Sections, in the fragment's order of first use (as the text would create them).
        let mut smap = Vec::with_capacity(f.sections.len());
        let mut bases = Vec::with_capacity(f.sections.len());
        let elf = self.format == super::ObjectFormat::Elf;
        for s in f.sections {
            self.section(s.kind);
            let m = &mut self.sections[self.cur];
            let base = m.data.len() as u64;
            m.align = m.align.max(s.align);
            for &(off, kind) in &s.mapping {
                if m.mapping.last().map(|x| x.1) != Some(kind) && elf {
                    m.mapping.push((base + off, kind));
                }
            }
            m.data.extend_from_slice(&s.data);
            smap.push(self.cur);
            bases.push(base);
        }
        self.cur = smap[f.cur];
        self.island_limit = i64::MIN;
        let place = |(s, off): (usize, u64)| (smap[s], bases[s] + off);
        // Labels, in the fragment's order (so new ones get the ids the text would give them).
        let mut ids = Vec::with_capacity(f.labels.len());
        let mut k = 0;
        for l in &f.labels {
            let id = if l.named {
                k += 1;
                self.label(names[k - 1])
            } else {
                self.anon_label()
            };
            let m = &mut self.labels[id as usize];
            if let Some(d) = l.def {
                if m.def.is_some() {
                    return Err(format!(
                        "label `{}` defined twice",
                        m.name.unwrap_or("(anonymous)")
                    ));
                }
                m.def = Some(place(d));
            }
            m.global |= l.global;
            m.func |= l.func;
            if l.size.is_some() {
                m.size = l.size;
            }
            ids.push(id);
        }
        self.fixups.extend(f.fixups.iter().map(|x| Fixup {
            section: smap[x.section],
            offset: bases[x.section] + x.offset,
            kind: match x.kind {
                Fix::Code(c) => Fix::Code(c),
                Fix::Abs64 => Fix::Abs64,
                Fix::Diff32(m) => Fix::Diff32(ids[m as usize]),
            },
            target: ids[x.target as usize],
            addend: x.addend,
        }));
        self.fdes.extend(f.fdes.into_iter().map(|d| Fde {
            section: smap[d.section],
            start: bases[d.section] + d.start,
            end: bases[d.section] + d.end,
            ..d
        }));
        self.debug.rows.extend(
            f.rows
                .iter()
                .map(|&(s, off, loc)| (smap[s], bases[s] + off, loc)),
        );
        self.debug
            .funcs
            .extend(f.funcs.into_iter().map(|d| DebugFunc {
                section: smap[d.section],
                start: bases[d.section] + d.start,
                end: bases[d.section] + d.end,
                ..d
            }));
        Ok(true)
    }
}
