//! viper-cli (being written).
