//! target-common: machine-IR machinery shared by native targets (being written).
