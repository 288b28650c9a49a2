//! The interpreter's memory: one little-endian byte vector addressed from [`BASE`], holding the
//! string globals (read-only by convention) followed by a stack of per-call alloca arenas.
//!
//! Invariants: address 0 is null and never valid; every allocation is 16-byte aligned and
//! zero-filled; an arena is released (popped) when its call returns; each call may allocate at most
//! [`FRAME_ARENA`] bytes (the VM's limit, IL-SPEC §7.7). Handles of other kinds (strings, functions,
//! error records, resume tokens) live in disjoint tagged ranges above [`HANDLE_BASE`].

use crate::ops::{Fault, TrapKind};
use crate::InterpError;

/// First valid address.
pub const BASE: u64 = 0x10000;
/// Per-call alloca limit.
pub const FRAME_ARENA: u64 = 64 * 1024;
/// Total memory limit.
const LIMIT: usize = 64 << 20;
/// Tagged handle ranges (never valid memory addresses).
pub const HANDLE_BASE: u64 = 1 << 48;
pub const STR_TAG: u64 = 1 << 48;
pub const FN_TAG: u64 = 2 << 48;
pub const ERR_TAG: u64 = 3 << 48;
pub const TOK_TAG: u64 = 4 << 48;
const TAG_MASK: u64 = 0xFFFF << 48;

/// Split a tagged handle into (tag, index).
pub fn untag(v: u64) -> (u64, usize) {
    (v & TAG_MASK, (v & !TAG_MASK) as usize)
}

/// Either a trap (kind/detail) or an interpreter-level error (wild address).
pub enum MemError {
    Trap(Fault),
    Fatal(InterpError),
}

#[derive(Default)]
pub struct Memory {
    bytes: Vec<u8>,
}

impl Memory {
    /// Current top of the stack, to pass to [`Memory::release`].
    pub fn mark(&self) -> usize {
        self.bytes.len()
    }
    /// Pop everything allocated after `mark`.
    pub fn release(&mut self, mark: usize) {
        self.bytes.truncate(mark);
    }
    /// Allocate `n` zeroed bytes, 16-byte aligned; `used` is the caller's arena usage so far.
    pub fn alloc(&mut self, n: i64, used: &mut u64) -> Result<u64, MemError> {
        if n < 0 {
            return Err(MemError::Trap(Fault::new(
                TrapKind::DomainError,
                "negative allocation",
            )));
        }
        let n = n as u64;
        let pad = (16 - self.bytes.len() % 16) % 16;
        let need = n.saturating_add(pad as u64);
        if used.saturating_add(need) > FRAME_ARENA || self.bytes.len() + need as usize > LIMIT {
            return Err(MemError::Trap(Fault::new(
                TrapKind::Overflow,
                "stack overflow in alloca",
            )));
        }
        *used += need;
        self.bytes.resize(self.bytes.len() + pad, 0);
        let addr = BASE + self.bytes.len() as u64;
        self.bytes.resize(self.bytes.len() + n as usize, 0);
        Ok(addr)
    }
    /// Place `data` (plus a NUL) permanently; used for string globals before any call.
    pub fn place(&mut self, data: &[u8]) -> u64 {
        let mut used = 0;
        let addr = self.alloc(data.len() as i64 + 1, &mut used).unwrap_or(BASE);
        let off = (addr - BASE) as usize;
        self.bytes[off..off + data.len()].copy_from_slice(data);
        addr
    }

    fn range(&self, addr: u64, size: u64, what: &str) -> Result<usize, MemError> {
        if addr == 0 {
            return Err(MemError::Trap(Fault::new(
                TrapKind::InvalidOperation,
                format!("null {what}"),
            )));
        }
        if !addr.is_multiple_of(size) {
            return Err(MemError::Trap(Fault::new(
                TrapKind::InvalidOperation,
                format!("misaligned {what}"),
            )));
        }
        let off = addr.wrapping_sub(BASE);
        if addr < BASE || off.saturating_add(size) > self.bytes.len() as u64 {
            return Err(MemError::Fatal(InterpError::Memory(format!(
                "{what} of {size} bytes at wild address {addr:#x}"
            ))));
        }
        Ok(off as usize)
    }

    /// Read `size` (1, 2, 4 or 8) bytes little-endian, zero-extended.
    pub fn load(&self, addr: u64, size: u64) -> Result<u64, MemError> {
        let off = self.range(addr, size, "load")?;
        let mut buf = [0u8; 8];
        buf[..size as usize].copy_from_slice(&self.bytes[off..off + size as usize]);
        Ok(u64::from_le_bytes(buf))
    }

    /// Write the low `size` bytes of `v` little-endian.
    pub fn store(&mut self, addr: u64, size: u64, v: u64) -> Result<(), MemError> {
        let off = self.range(addr, size, "store")?;
        self.bytes[off..off + size as usize].copy_from_slice(&v.to_le_bytes()[..size as usize]);
        Ok(())
    }
}
