/*
 * rt_io_abi.h — prototypes of the Viper.IO.* runtime functions (RUNTIME-SYSTEM.md §4: File, Dir,
 * Path, TempFile, Glob, LineReader, LineWriter, BinFile, Watcher, Archive, Compress, and the
 * MemStream/Stream/BinaryBuffer functions of §4.12 / RUNTIME-EXTENDED.md §12–§14), the fixed-width
 * binary access of Viper.Collections.Bytes (RUNTIME-EXTENDED §11) and Viper.Crypto.Hash
 * (RUNTIME-SYSTEM §8.1, RUNTIME-EXTENDED §22; Fast/FastInt/CRC32 live in text.c).
 * Conventions as everywhere: arguments are borrowed, returned strings/objects are +1 unless a
 * function says "borrowed", i1 results are exactly 0/1.
 */
#ifndef VIPER_RT_IO_ABI_H
#define VIPER_RT_IO_ABI_H

#include "rt_core_abi.h"
#include "rt_objects_abi.h"

/* ---- bytes_bin.c: Viper.Collections.Bytes fixed-width access ---- */
int64_t rt_bytes_read_i16be(void *b, int64_t off);
int64_t rt_bytes_read_i16le(void *b, int64_t off);
int64_t rt_bytes_read_i32be(void *b, int64_t off);
int64_t rt_bytes_read_i32le(void *b, int64_t off);
int64_t rt_bytes_read_i64be(void *b, int64_t off);
int64_t rt_bytes_read_i64le(void *b, int64_t off);
void rt_bytes_write_i16be(void *b, int64_t off, int64_t v);
void rt_bytes_write_i16le(void *b, int64_t off, int64_t v);
void rt_bytes_write_i32be(void *b, int64_t off, int64_t v);
void rt_bytes_write_i32le(void *b, int64_t off, int64_t v);
void rt_bytes_write_i64be(void *b, int64_t off, int64_t v);
void rt_bytes_write_i64le(void *b, int64_t off, int64_t v);

/* ---- hash.c: Viper.Crypto.Hash ---- */
int64_t rt_hash_crc32_bytes(void *b);
int64_t rt_hash_fast_bytes(void *b);
rt_string rt_hash_md5(rt_string s);
rt_string rt_hash_md5_bytes(void *b);
rt_string rt_hash_sha1(rt_string s);
rt_string rt_hash_sha1_bytes(void *b);
rt_string rt_hash_sha256(rt_string s);
rt_string rt_hash_sha256_bytes(void *b);
rt_string rt_hash_hmac_md5(rt_string key, rt_string data);
rt_string rt_hash_hmac_md5_bytes(void *key, void *data);
rt_string rt_hash_hmac_sha1(rt_string key, rt_string data);
rt_string rt_hash_hmac_sha1_bytes(void *key, void *data);
rt_string rt_hash_hmac_sha256(rt_string key, rt_string data);
rt_string rt_hash_hmac_sha256_bytes(void *key, void *data);

/* ---- archive.c: Viper.IO.Archive ---- */
void *rt_archive_open(rt_string path);
void *rt_archive_create(rt_string path);
void *rt_archive_from_bytes(void *bytes);
rt_string rt_archive_path(void *a);
int64_t rt_archive_count(void *a);
void *rt_archive_names(void *a);
bool rt_archive_has(void *a, rt_string name);
void *rt_archive_read(void *a, rt_string name);
rt_string rt_archive_read_str(void *a, rt_string name);
void rt_archive_extract(void *a, rt_string name, rt_string dest);
void rt_archive_extract_all(void *a, rt_string dir);
void *rt_archive_info(void *a, rt_string name);
void rt_archive_add(void *a, rt_string name, void *bytes);
void rt_archive_add_str(void *a, rt_string name, rt_string text);
void rt_archive_add_file(void *a, rt_string name, rt_string src);
void rt_archive_add_dir(void *a, rt_string name);
void rt_archive_finish(void *a);
bool rt_archive_is_zip(rt_string path);
bool rt_archive_is_zip_bytes(void *bytes);

/* ---- compress.c: Viper.IO.Compress ---- */
void *rt_compress_deflate(void *bytes);
void *rt_compress_deflate_lvl(void *bytes, int64_t level);
void *rt_compress_inflate(void *bytes);
void *rt_compress_gzip(void *bytes);
void *rt_compress_gzip_lvl(void *bytes, int64_t level);
void *rt_compress_gunzip(void *bytes);
void *rt_compress_deflate_str(rt_string text);
rt_string rt_compress_inflate_str(void *bytes);
void *rt_compress_gzip_str(rt_string text);
rt_string rt_compress_gunzip_str(void *bytes);

/* ---- io_file.c: Viper.IO.File ---- */
bool rt_io_file_exists(rt_string path);
rt_string rt_io_file_read_all_text(rt_string path);
void rt_io_file_write_all_text(rt_string path, rt_string text);
void rt_file_append(rt_string path, rt_string text);
void rt_io_file_append_line(rt_string path, rt_string text);
void *rt_io_file_read_all_lines(rt_string path);
void *rt_file_read_lines(rt_string path);
void rt_file_write_lines(rt_string path, void *seq);
void *rt_io_file_read_all_bytes(rt_string path);
void rt_io_file_write_all_bytes(rt_string path, void *bytes);
void *rt_file_read_bytes(rt_string path);
void rt_file_write_bytes(rt_string path, void *bytes);
void rt_file_copy(rt_string src, rt_string dst);
void rt_file_move(rt_string src, rt_string dst);
void rt_io_file_delete(rt_string path);
int64_t rt_file_size(rt_string path);
int64_t rt_file_modified(rt_string path);
void rt_file_touch(rt_string path);

/* ---- io_dir.c: Viper.IO.Dir ---- */
bool rt_dir_exists(rt_string path);
void rt_dir_make(rt_string path);
void rt_dir_make_all(rt_string path);
void rt_dir_remove(rt_string path);
void rt_dir_remove_all(rt_string path);
void *rt_dir_list(rt_string path);
void *rt_dir_list_seq(rt_string path);
void *rt_dir_files(rt_string path);
void *rt_dir_files_seq(rt_string path);
void *rt_dir_dirs(rt_string path);
void *rt_dir_dirs_seq(rt_string path);
void *rt_dir_entries_seq(rt_string path);
rt_string rt_dir_current(void);
void rt_dir_set_current(rt_string path);
void rt_dir_move(rt_string src, rt_string dst);

/* ---- io_path.c: Viper.IO.Path ---- */
rt_string rt_path_join(rt_string a, rt_string b);
rt_string rt_path_dir(rt_string p);
rt_string rt_path_name(rt_string p);
rt_string rt_path_stem(rt_string p);
rt_string rt_path_ext(rt_string p);
rt_string rt_path_with_ext(rt_string p, rt_string ext);
bool rt_path_is_abs(rt_string p);
rt_string rt_path_abs(rt_string p);
rt_string rt_path_norm(rt_string p);
rt_string rt_path_sep(void);

/* ---- io_dir.c: Viper.IO.TempFile ---- */
rt_string rt_tempfile_dir(void);
rt_string rt_tempfile_path(void);
rt_string rt_tempfile_path_with_prefix(rt_string prefix);
rt_string rt_tempfile_path_with_ext(rt_string prefix, rt_string ext);
rt_string rt_tempfile_create(void);
rt_string rt_tempfile_create_with_prefix(rt_string prefix);
rt_string rt_tempdir_create(void);
rt_string rt_tempdir_create_with_prefix(rt_string prefix);

/* ---- io_dir.c: Viper.IO.Glob ---- */
bool rt_glob_match(rt_string path, rt_string pattern);
void *rt_glob_files(rt_string dir, rt_string pattern);
void *rt_glob_entries(rt_string dir, rt_string pattern);
void *rt_glob_files_recursive(rt_string base, rt_string pattern);

/* ---- io_text.c: Viper.IO.LineReader ---- */
void *rt_linereader_open(rt_string path);
rt_string rt_linereader_read(void *r);
int64_t rt_linereader_read_char(void *r);
int64_t rt_linereader_peek_char(void *r);
rt_string rt_linereader_read_all(void *r);
bool rt_linereader_eof(void *r);
void rt_linereader_close(void *r);

/* ---- io_text.c: Viper.IO.LineWriter ---- */
void *rt_linewriter_open(rt_string path);
void *rt_linewriter_append(rt_string path);
void rt_linewriter_write(void *w, rt_string s);
void rt_linewriter_write_ln(void *w, rt_string s);
void rt_linewriter_write_char(void *w, int64_t c);
void rt_linewriter_flush(void *w);
void rt_linewriter_close(void *w);
rt_string rt_linewriter_newline(void *w);
void rt_linewriter_set_newline(void *w, rt_string nl);

/* ---- binfile.c: Viper.IO.BinFile ---- */
void *rt_binfile_open(rt_string path, rt_string mode);
void rt_binfile_close(void *f);
int64_t rt_binfile_read(void *f, void *bytes, int64_t off, int64_t n);
void rt_binfile_write(void *f, void *bytes, int64_t off, int64_t n);
int64_t rt_binfile_read_byte(void *f);
void rt_binfile_write_byte(void *f, int64_t v);
int64_t rt_binfile_seek(void *f, int64_t off, int64_t origin);
void rt_binfile_flush(void *f);
int64_t rt_binfile_pos(void *f);
int64_t rt_binfile_size(void *f);
bool rt_binfile_eof(void *f);

/* ---- watcher.c: Viper.IO.Watcher ---- */
void *rt_watcher_new(rt_string path);
void rt_watcher_start(void *w);
void rt_watcher_stop(void *w);
int64_t rt_watcher_poll(void *w);
int64_t rt_watcher_poll_for(void *w, int64_t ms);
rt_string rt_watcher_event_path(void *w);
int64_t rt_watcher_event_type(void *w);
rt_string rt_watcher_get_path(void *w);
bool rt_watcher_get_is_watching(void *w);
int64_t rt_watcher_event_none(void *w);
int64_t rt_watcher_event_created(void *w);
int64_t rt_watcher_event_modified(void *w);
int64_t rt_watcher_event_deleted(void *w);
int64_t rt_watcher_event_renamed(void *w);

/* ---- memstream.c: the MemStream functions of RUNTIME-SYSTEM §4.12 (the others: the domain headers (rt_collections/text/lang_abi.h)) ---- */
void *rt_memstream_from_bytes(void *bytes);
void rt_memstream_set_pos(void *m, int64_t pos);
double rt_memstream_read_f32(void *m);
double rt_memstream_read_f64(void *m);
void rt_memstream_write_f32(void *m, double v);
void rt_memstream_write_f64(void *m, double v);

/* ---- binbuf.c: Viper.IO.BinaryBuffer ---- */
void *rt_binbuf_new(void);
void *rt_binbuf_new_cap(int64_t cap);
void *rt_binbuf_from_bytes(void *bytes);
int64_t rt_binbuf_read_byte(void *b);
void *rt_binbuf_read_bytes(void *b, int64_t n);
int64_t rt_binbuf_read_i16be(void *b);
int64_t rt_binbuf_read_i16le(void *b);
int64_t rt_binbuf_read_i32be(void *b);
int64_t rt_binbuf_read_i32le(void *b);
int64_t rt_binbuf_read_i64be(void *b);
int64_t rt_binbuf_read_i64le(void *b);
rt_string rt_binbuf_read_str(void *b);
void rt_binbuf_write_byte(void *b, int64_t v);
void rt_binbuf_write_bytes(void *b, void *bytes);
void rt_binbuf_write_i16be(void *b, int64_t v);
void rt_binbuf_write_i16le(void *b, int64_t v);
void rt_binbuf_write_i32be(void *b, int64_t v);
void rt_binbuf_write_i32le(void *b, int64_t v);
void rt_binbuf_write_i64be(void *b, int64_t v);
void rt_binbuf_write_i64le(void *b, int64_t v);
void rt_binbuf_write_str(void *b, rt_string s);
void rt_binbuf_reset(void *b);
void *rt_binbuf_to_bytes(void *b);
int64_t rt_binbuf_get_len(void *b);
int64_t rt_binbuf_get_position(void *b);
void rt_binbuf_set_position(void *b, int64_t pos);

/* ---- stream.c: Viper.IO.Stream ---- */
void *rt_stream_open_memory(void);
void *rt_stream_open_file(rt_string path, rt_string mode);
void *rt_stream_open_bytes(void *bytes);
void *rt_stream_from_binfile(void *f);
void *rt_stream_from_memstream(void *m);
void *rt_stream_as_binfile(void *s);
void *rt_stream_as_memstream(void *s);
void *rt_stream_read(void *s, int64_t n);
void *rt_stream_read_all(void *s);
int64_t rt_stream_read_byte(void *s);
void rt_stream_write(void *s, void *bytes);
void rt_stream_write_byte(void *s, int64_t v);
void *rt_stream_to_bytes(void *s);
bool rt_stream_is_eof(void *s);
int64_t rt_stream_get_len(void *s);
int64_t rt_stream_get_pos(void *s);
int64_t rt_stream_get_type(void *s);
void rt_stream_set_pos(void *s, int64_t pos);
void rt_stream_flush(void *s);
void rt_stream_close(void *s);

/* ---- memstream.c (Viper.IO.MemStream) ---- */
void *rt_memstream_new(void);
void *rt_memstream_new_capacity(int64_t cap);
int64_t rt_memstream_get_len(void *m);
int64_t rt_memstream_get_pos(void *m);
int64_t rt_memstream_get_capacity(void *m);
void rt_memstream_write_i8(void *m, int64_t v);
void rt_memstream_write_u8(void *m, int64_t v);
void rt_memstream_write_i16(void *m, int64_t v);
void rt_memstream_write_u16(void *m, int64_t v);
void rt_memstream_write_i32(void *m, int64_t v);
void rt_memstream_write_u32(void *m, int64_t v);
void rt_memstream_write_i64(void *m, int64_t v);
int64_t rt_memstream_read_i8(void *m);
int64_t rt_memstream_read_u8(void *m);
int64_t rt_memstream_read_i16(void *m);
int64_t rt_memstream_read_u16(void *m);
int64_t rt_memstream_read_i32(void *m);
int64_t rt_memstream_read_u32(void *m);
int64_t rt_memstream_read_i64(void *m);
void rt_memstream_write_str(void *m, rt_string s);
rt_string rt_memstream_read_str(void *m, int64_t n);
void rt_memstream_write_bytes(void *m, void *bytes);
void *rt_memstream_read_bytes(void *m, int64_t n);
void *rt_memstream_to_bytes(void *m);
void rt_memstream_seek(void *m, int64_t pos);
void rt_memstream_skip(void *m, int64_t n);
void rt_memstream_clear(void *m);

#endif
