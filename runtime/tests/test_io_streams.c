/* test_io_streams.c — io_text.c (LineReader/LineWriter), binfile.c, stream.c, binbuf.c,
 * bytes_bin.c and the MemStream additions of memstream.c (F32/F64, FromBytes, set_Pos, traps,
 * growth). Runs inside a private directory under /tmp. */
#include "test_io_check.h"

#include <fcntl.h>
#include <math.h>

static void write_raw(const char *p, const char *data, size_t n) {
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd >= 0) {
        if (write(fd, data, n) < 0)
            perror("write");
        close(fd);
    }
}

static void test_linereader(void) {
    write_raw("r.txt", "l1\r\nl2\rl3\n\nl5", 13);
    void *r = rt_linereader_open(S("r.txt"));
    CHECK(!rt_linereader_eof(r));
    CHECK_STR(rt_linereader_read(r), "l1");
    CHECK_STR(rt_linereader_read(r), "l2");
    CHECK_STR(rt_linereader_read(r), "l3");
    CHECK_STR(rt_linereader_read(r), "");
    CHECK(!rt_linereader_eof(r));
    CHECK_STR(rt_linereader_read(r), "l5");
    CHECK(rt_linereader_eof(r));
    CHECK_STR(rt_linereader_read(r), "");
    CHECK(rt_linereader_eof(r));
    rt_linereader_close(r);
    CHECK(rt_linereader_eof(r));
    rt_linereader_close(r); /* twice: nothing */
    CHECK_EXITS(rt_linereader_read(r), 1, "LineReader.Read: reader is closed");
    CHECK_EXITS(rt_linereader_read_char(r), 1, "LineReader.ReadChar: reader is closed");
    CHECK_EXITS(rt_linereader_peek_char(r), 1, "LineReader.PeekChar: reader is closed");
    CHECK_EXITS(rt_linereader_read_all(r), 1, "LineReader.ReadAll: reader is closed");
    rt__obj_release_and_free(r);
    /* three \n-terminated lines: Eof only after a read hits the end */
    write_raw("r.txt", "Line one\nLine two\nLine three\n", 29);
    r = rt_linereader_open(S("r.txt"));
    for (int i = 0; i < 3; i++)
        rt_str_release_maybe(rt_linereader_read(r));
    CHECK(!rt_linereader_eof(r));
    CHECK_STR(rt_linereader_read(r), "");
    CHECK(rt_linereader_eof(r));
    rt__obj_release_and_free(r);
    /* chars, peek, push-back after \r, ReadAll */
    write_raw("r.txt", "ab\rcd\xff", 6);
    r = rt_linereader_open(S("r.txt"));
    CHECK_EQ_I64(rt_linereader_peek_char(r), 'a');
    CHECK_EQ_I64(rt_linereader_read_char(r), 'a');
    CHECK_STR(rt_linereader_read(r), "b"); /* lone \r, 'c' pushed back */
    CHECK_EQ_I64(rt_linereader_peek_char(r), 'c');
    CHECK_STR(rt_linereader_read_all(r), "cd\xff");
    CHECK(rt_linereader_eof(r));
    CHECK_EQ_I64(rt_linereader_read_char(r), -1);
    CHECK_EQ_I64(rt_linereader_peek_char(r), -1);
    CHECK_STR(rt_linereader_read_all(r), "");
    rt__obj_release_and_free(r);
    write_raw("r.txt", "", 0);
    r = rt_linereader_open(S("r.txt"));
    CHECK_STR(rt_linereader_read(r), "");
    CHECK(rt_linereader_eof(r));
    rt__obj_release_and_free(r);
    CHECK(rt_linereader_eof(NULL));
    rt_linereader_close(NULL);
    CHECK_EXITS(rt_linereader_open(NULL), 1, "LineReader.Open: null path");
    CHECK_EXITS(rt_linereader_open(S("missing.txt")), 1, "LineReader.Open: failed to open file");
    CHECK_EXITS(rt_linereader_read(NULL), 1, "LineReader.Read: null reader");
    CHECK_EXITS(rt_linereader_read_char(NULL), 1, "LineReader.ReadChar: null reader");
    CHECK_EXITS(rt_linereader_peek_char(NULL), 1, "LineReader.PeekChar: null reader");
    CHECK_EXITS(rt_linereader_read_all(NULL), 1, "LineReader.ReadAll: null reader");
}

static void test_linewriter(void) {
    void *w = rt_linewriter_open(S("w.txt"));
    rt_linewriter_write(w, S("Hello "));
    rt_linewriter_write_ln(w, S("World"));
    CHECK_STR(rt_io_file_read_all_text(S("w.txt")), ""); /* buffered */
    rt_linewriter_write_char(w, 'A');
    rt_linewriter_write_char(w, 'B');
    rt_linewriter_write_char(w, 'C');
    rt_linewriter_write_char(w, 256); /* out of range: nothing */
    rt_linewriter_write_char(w, -1);
    CHECK_STR(rt_linewriter_newline(w), "\n");
    rt_linewriter_set_newline(w, S("\r\n"));
    CHECK_STR(rt_linewriter_newline(w), "\r\n");
    rt_linewriter_write_ln(w, NULL);
    rt_linewriter_set_newline(w, NULL);
    CHECK_STR(rt_linewriter_newline(w), "\n");
    rt_linewriter_write_ln(w, S("Final line"));
    rt_linewriter_write(w, NULL);
    rt_linewriter_flush(w);
    CHECK_STR(rt_io_file_read_all_text(S("w.txt")), "Hello World\nABC\r\nFinal line\n");
    rt_linewriter_close(w);
    rt_linewriter_close(w);
    rt_linewriter_flush(w);
    CHECK_EXITS(rt_linewriter_write(w, S("x")), 1, "LineWriter.Write: writer is closed");
    CHECK_EXITS(rt_linewriter_write_ln(w, S("x")), 1, "LineWriter.WriteLn: writer is closed");
    CHECK_EXITS(rt_linewriter_write_char(w, 65), 1, "LineWriter.WriteChar: writer is closed");
    rt__obj_release_and_free(w);
    void *a = rt_linewriter_append(S("w.txt"));
    rt_linewriter_write_ln(a, S("more"));
    rt__obj_release_and_free(a); /* the finaliser flushes and closes */
    CHECK_STR(rt_io_file_read_all_text(S("w.txt")), "Hello World\nABC\r\nFinal line\nmore\n");
    CHECK_STR(rt_linewriter_newline(NULL), "\n");
    rt_linewriter_flush(NULL);
    rt_linewriter_close(NULL);
    CHECK_EXITS(rt_linewriter_open(NULL), 1, "LineWriter: null path");
    CHECK_EXITS(rt_linewriter_append(NULL), 1, "LineWriter: null path");
    CHECK_EXITS(rt_linewriter_open(S("no_dir/x")), 1, "LineWriter: failed to open file");
    CHECK_EXITS(rt_linewriter_write(NULL, S("x")), 1, "LineWriter.Write: null writer");
    CHECK_EXITS(rt_linewriter_write_ln(NULL, S("x")), 1, "LineWriter.WriteLn: null writer");
    CHECK_EXITS(rt_linewriter_write_char(NULL, 1), 1, "LineWriter.WriteChar: null writer");
    CHECK_EXITS(rt_linewriter_set_newline(NULL, S("x")), 1, "LineWriter.set_NewLine: null writer");
}

static void test_binfile(void) {
    void *f = rt_binfile_open(S("b.bin"), S("w"));
    rt_binfile_write_byte(f, 'A');
    rt_binfile_write_byte(f, 0x142); /* & 0xFF */
    rt_binfile_write_byte(f, 'C');
    CHECK_EQ_I64(rt_binfile_pos(f), 3);
    CHECK_EQ_I64(rt_binfile_size(f), 3); /* includes buffered data */
    void *b = BYTES("0123456789");
    rt_binfile_write(f, b, 2, 3);
    rt_binfile_write(f, b, 8, 100); /* clipped to 2 */
    rt_binfile_write(f, b, -1, 3);  /* nothing */
    rt_binfile_write(f, b, 10, 1);  /* nothing */
    rt_binfile_flush(f);
    rt_binfile_close(f);
    CHECK_STR(rt_io_file_read_all_text(S("b.bin")), "ABC23489");
    CHECK_EQ_I64(rt_binfile_pos(f), -1);
    CHECK_EQ_I64(rt_binfile_size(f), -1);
    CHECK(rt_binfile_eof(f));
    CHECK_EXITS(rt_binfile_read_byte(f), 1, "BinFile.ReadByte: file is closed");
    CHECK_EXITS(rt_binfile_write_byte(f, 1), 1, "BinFile.WriteByte: file is closed");
    CHECK_EXITS(rt_binfile_read(f, b, 0, 1), 1, "BinFile.Read: file is closed");
    CHECK_EXITS(rt_binfile_write(f, b, 0, 1), 1, "BinFile.Write: file is closed");
    CHECK_EXITS(rt_binfile_seek(f, 0, 0), 1, "BinFile.Seek: file is closed");
    rt__obj_release_and_free(f);

    f = rt_binfile_open(S("b.bin"), S("r"));
    CHECK_EQ_I64(rt_binfile_size(f), 8);
    CHECK(!rt_binfile_eof(f));
    void *buf = rt_bytes_new(5);
    CHECK_EQ_I64(rt_binfile_read(f, buf, 1, 3), 3);
    CHECK_BYTES_OBJ(buf, "\0ABC\0", 5);
    CHECK(!rt_binfile_eof(f));
    CHECK_EQ_I64(rt_binfile_read(f, buf, 0, 10), 5); /* clipped to the buffer */
    CHECK(!rt_binfile_eof(f));
    CHECK_EQ_I64(rt_binfile_read_byte(f), -1);
    CHECK(rt_binfile_eof(f));
    CHECK_EQ_I64(rt_binfile_seek(f, 0, 0), 0);
    CHECK(!rt_binfile_eof(f));
    CHECK_EQ_I64(rt_binfile_read_byte(f), 'A');
    CHECK_EQ_I64(rt_binfile_seek(f, 1, 1), 2);
    CHECK_EQ_I64(rt_binfile_read_byte(f), 'C');
    CHECK_EQ_I64(rt_binfile_seek(f, -1, 2), 7);
    CHECK_EQ_I64(rt_binfile_read(f, buf, 0, 5), 1);
    CHECK(rt_binfile_eof(f));
    CHECK_EQ_I64(rt_binfile_seek(f, -100, 0), -1); /* fseek fails */
    CHECK_EQ_I64(rt_binfile_read(f, buf, 0, 0), 0);
    CHECK_EXITS(rt_binfile_seek(f, 0, 3), 1, "BinFile.Seek: invalid origin (use 0, 1, or 2)");
    CHECK_EXITS(rt_binfile_write_byte(f, 1), 1, "BinFile.WriteByte: write failed");
    CHECK_EXITS(rt_binfile_write(f, b, 0, 4), 1, "BinFile.Write: write failed");
    rt__obj_release_and_free(f);

    /* rw: must exist; reads and writes interleave */
    f = rt_binfile_open(S("b.bin"), S("rw"));
    CHECK_EQ_I64(rt_binfile_read_byte(f), 'A');
    rt_binfile_write_byte(f, 'b');
    CHECK_EQ_I64(rt_binfile_read_byte(f), 'C');
    rt_binfile_close(f);
    CHECK_STR(rt_io_file_read_all_text(S("b.bin")), "AbC23489");
    rt__obj_release_and_free(f);
    f = rt_binfile_open(S("b.bin"), S("a"));
    rt_binfile_write_byte(f, '!');
    rt__obj_release_and_free(f);
    CHECK_STR(rt_io_file_read_all_text(S("b.bin")), "AbC23489!");

    CHECK_EQ_I64(rt_binfile_pos(NULL), -1);
    CHECK_EQ_I64(rt_binfile_size(NULL), -1);
    CHECK(rt_binfile_eof(NULL));
    rt_binfile_flush(NULL);
    rt_binfile_close(NULL);
    CHECK_EXITS(rt_binfile_open(NULL, S("r")), 1, "BinFile.Open: null path or mode");
    CHECK_EXITS(rt_binfile_open(S("b.bin"), NULL), 1, "BinFile.Open: null path or mode");
    CHECK_EXITS(rt_binfile_open(S("b.bin"), S("rb")), 1,
                "BinFile.Open: invalid mode (use r, w, rw, or a)");
    CHECK_EXITS(rt_binfile_open(S("missing"), S("r")), 1, "BinFile.Open: failed to open file");
    CHECK_EXITS(rt_binfile_open(S("missing"), S("rw")), 1, "BinFile.Open: failed to open file");
    CHECK(!rt_io_file_exists(S("missing")));
    CHECK_EXITS(rt_binfile_read(NULL, b, 0, 1), 1, "BinFile.Read: null file");
    CHECK_EXITS(rt_binfile_write(NULL, b, 0, 1), 1, "BinFile.Write: null file");
    CHECK_EXITS(rt_binfile_read_byte(NULL), 1, "BinFile.ReadByte: null file");
    CHECK_EXITS(rt_binfile_write_byte(NULL, 1), 1, "BinFile.WriteByte: null file");
    CHECK_EXITS(rt_binfile_seek(NULL, 0, 0), 1, "BinFile.Seek: null file");
    f = rt_binfile_open(S("b.bin"), S("r"));
    CHECK_EXITS(rt_binfile_read(f, NULL, 0, 1), 1, "BinFile.Read: null bytes");
    CHECK_EXITS(rt_binfile_write(f, NULL, 0, 1), 1, "BinFile.Write: null bytes");
    rt__obj_release_and_free(f);
}

static void test_memstream_extra(void) {
    void *m = rt_memstream_new();
    CHECK_EQ_I64(rt_memstream_get_capacity(m), 0);
    rt_memstream_write_i8(m, 42);
    CHECK_EQ_I64(rt_memstream_get_capacity(m), 64); /* corpus: 64 after the first writes */
    rt_memstream_write_f64(m, 3.14);
    rt_memstream_write_f32(m, 3.14);
    rt_memstream_write_f64(m, -0.0);
    rt_memstream_write_f64(m, NAN);
    CHECK_EQ_I64(rt_memstream_get_len(m), 1 + 8 + 4 + 8 + 8);
    rt_memstream_seek(m, 1);
    CHECK(rt_memstream_read_f64(m) == 3.14);
    CHECK(rt_memstream_read_f32(m) == (double)3.14f);
    double z = rt_memstream_read_f64(m);
    CHECK(z == 0 && signbit(z));
    CHECK(isnan(rt_memstream_read_f64(m)));
    CHECK_EXITS(rt_memstream_read_f64(m), 1, "MemStream.ReadF64: insufficient bytes");
    CHECK_EXITS(rt_memstream_read_f32(m), 1, "MemStream.ReadF32: insufficient bytes");
    /* F64 bit pattern, little-endian */
    void *m2 = rt_memstream_new();
    rt_memstream_write_f64(m2, 1.0);
    CHECK_BYTES_OBJ(rt_memstream_to_bytes(m2), "\0\0\0\0\0\0\xf0\x3f", 8);
    /* set_Pos past the end: writes zero-fill, reads trap */
    rt_memstream_set_pos(m2, 12);
    CHECK_EXITS(rt_memstream_read_u8(m2), 1, "MemStream.ReadU8: insufficient bytes");
    rt_memstream_write_u8(m2, 7);
    CHECK_EQ_I64(rt_memstream_get_len(m2), 13);
    rt_memstream_set_pos(m2, 8);
    CHECK_EQ_I64(rt_memstream_read_u32(m2), 0);
    CHECK_EXITS(rt_memstream_set_pos(m2, -1), 1, "MemStream.set_Pos: negative position");
    CHECK_EXITS(rt_memstream_read_str(m2, -1), 1, "MemStream.ReadStr: negative count");
    CHECK_EXITS(rt_memstream_read_bytes(m2, -1), 1, "MemStream.ReadBytes: negative count");
    CHECK_EXITS(rt_memstream_write_str(m2, NULL), 1, "MemStream.WriteStr: null string");
    /* FromBytes copies, position 0 */
    void *src = BYTES("\x01\x02\x03");
    void *m3 = rt_memstream_from_bytes(src);
    CHECK_EQ_I64(rt_memstream_get_pos(m3), 0);
    CHECK_EQ_I64(rt_memstream_get_len(m3), 3);
    rt_bytes_set(src, 0, 9);
    CHECK_EQ_I64(rt_memstream_read_u8(m3), 1);
    rt_memstream_skip(m3, 1);
    CHECK_EQ_I64(rt_memstream_read_u8(m3), 3);
    CHECK_EQ_I64(rt_memstream_get_len(rt_memstream_from_bytes(BYTES(""))), 0);
    CHECK_EXITS(rt_memstream_from_bytes(NULL), 1, "MemStream.FromBytes: null bytes");
    CHECK_EXITS(rt_memstream_read_f32(NULL), 1, "MemStream.ReadF32: null stream");
    CHECK_EXITS(rt_memstream_write_f64(NULL, 1), 1, "MemStream.WriteF64: null stream");
    CHECK_EXITS(rt_memstream_set_pos(NULL, 0), 1, "MemStream.set_Pos: null stream");
    CHECK_EXITS(rt_memstream_clear(NULL), 1, "MemStream.Clear: null stream");
    /* growth doubles */
    void *m4 = rt_memstream_new_capacity(10);
    rt_memstream_write_str(m4, S("0123456789x"));
    CHECK_EQ_I64(rt_memstream_get_capacity(m4), 64);
    for (int i = 0; i < 100; i++)
        rt_memstream_write_u8(m4, i);
    CHECK_EQ_I64(rt_memstream_get_capacity(m4), 128);
    rt__obj_release_and_free(m);
    rt__obj_release_and_free(m2);
    rt__obj_release_and_free(m3);
    rt__obj_release_and_free(m4);
}

static void test_stream(void) {
    void *s = rt_stream_open_memory();
    CHECK_EQ_I64(rt_stream_get_type(s), 1);
    CHECK_EQ_I64(rt_stream_get_pos(s), 0);
    CHECK_EQ_I64(rt_stream_get_len(s), 0);
    CHECK(rt_stream_is_eof(s));
    rt_stream_write_byte(s, 65);
    rt_stream_write_byte(s, 66);
    rt_stream_write_byte(s, 0x143);
    CHECK_EQ_I64(rt_stream_get_len(s), 3);
    rt_stream_set_pos(s, 0);
    CHECK_EQ_I64(rt_stream_read_byte(s), 65);
    CHECK_EQ_I64(rt_stream_read_byte(s), 66);
    CHECK_EQ_I64(rt_stream_read_byte(s), 67);
    CHECK_EQ_I64(rt_stream_read_byte(s), -1);
    CHECK(rt_stream_is_eof(s));
    void *s2 = rt_stream_open_memory();
    rt_stream_write(s2, BYTES("HIJK"));
    rt_stream_write(s2, NULL);
    CHECK_EQ_I64(rt_stream_get_len(s2), 4);
    rt_stream_set_pos(s2, 0);
    void *r = rt_stream_read(s2, 4);
    CHECK_BYTES_OBJ(r, "HIJK", 4);
    CHECK(rt_stream_is_eof(s2));
    rt_stream_set_pos(s2, 0);
    CHECK(!rt_stream_is_eof(s2));
    CHECK_BYTES_OBJ(rt_stream_read(s2, 0), "", 0);
    CHECK_BYTES_OBJ(rt_stream_read(s2, -3), "", 0);
    rt_stream_set_pos(s2, 1);
    CHECK_BYTES_OBJ(rt_stream_read_all(s2), "IJK", 3);
    CHECK_BYTES_OBJ(rt_stream_read_all(s2), "", 0);
    CHECK_BYTES_OBJ(rt_stream_to_bytes(s2), "HIJK", 4);
    rt_stream_set_pos(s2, 2);
    CHECK_EXITS(rt_stream_read(s2, 3), 1, "MemStream.ReadBytes: insufficient bytes");
    CHECK_EXITS(rt_stream_set_pos(s2, -1), 1, "MemStream.set_Pos: negative position");
    rt_stream_set_pos(s2, 10); /* past the end: allowed */
    CHECK(rt_stream_is_eof(s2));
    CHECK_EQ_I64(rt_stream_read_byte(s2), -1);
    rt_stream_flush(s2);
    /* As* / From* */
    void *ms = rt_stream_as_memstream(s2);
    CHECK(ms && rt_memstream_get_len(ms) == 4);
    CHECK(rt_stream_as_binfile(s2) == NULL);
    void *w = rt_stream_from_memstream(ms);
    CHECK_EQ_I64(rt_stream_get_len(w), 4);
    rt__obj_release_and_free(w); /* does not free ms */
    CHECK_EQ_I64(rt_memstream_get_len(ms), 4);
    rt__obj_release_and_free(ms);
    void *ob = rt_stream_open_bytes(BYTES("xy"));
    CHECK_EQ_I64(rt_stream_get_len(ob), 2);
    CHECK_EQ_I64(rt_stream_read_byte(ob), 'x');
    rt__obj_release_and_free(ob);
    /* after Close */
    rt_stream_close(s2);
    rt_stream_close(s2);
    CHECK_EQ_I64(rt_stream_get_pos(s2), 0);
    CHECK_EQ_I64(rt_stream_get_len(s2), 0);
    CHECK(rt_stream_is_eof(s2));
    CHECK_EQ_I64(rt_stream_read_byte(s2), -1);
    CHECK_BYTES_OBJ(rt_stream_read_all(s2), "", 0);
    CHECK_EXITS(rt_stream_set_pos(s2, 0), 1, "MemStream.set_Pos: null stream");
    CHECK_EXITS(rt_stream_write_byte(s2, 1), 1, "MemStream.WriteU8: null stream");
    CHECK_EXITS(rt_stream_write(s2, BYTES("a")), 1, "MemStream.WriteBytes: null stream");
    CHECK_EXITS(rt_stream_read(s2, 1), 1, "MemStream.ReadBytes: null stream");
    CHECK_EXITS(rt_stream_to_bytes(s2), 1, "MemStream.ToBytes: null stream");
    rt__obj_release_and_free(s2);
    rt__obj_release_and_free(s);
    /* NULL stream */
    CHECK_EQ_I64(rt_stream_get_type(NULL), -1);
    CHECK_EQ_I64(rt_stream_get_pos(NULL), 0);
    CHECK_EQ_I64(rt_stream_get_len(NULL), 0);
    CHECK(rt_stream_is_eof(NULL));
    CHECK_EQ_I64(rt_stream_read_byte(NULL), -1);
    CHECK_BYTES_OBJ(rt_stream_read(NULL, 5), "", 0);
    rt_stream_write_byte(NULL, 1);
    rt_stream_set_pos(NULL, 3);
    rt_stream_close(NULL);
    CHECK(rt_stream_as_memstream(NULL) == NULL);
    CHECK_EXITS(rt_stream_from_binfile(NULL), 1, "Stream.FromBinFile: binfile is null");
    CHECK_EXITS(rt_stream_from_memstream(NULL), 1, "Stream.FromMemStream: memstream is null");
    CHECK_EXITS(rt_stream_open_bytes(NULL), 1, "MemStream.FromBytes: null bytes");
    /* file streams */
    void *fs = rt_stream_open_file(S("s.bin"), S("w"));
    CHECK_EQ_I64(rt_stream_get_type(fs), 0);
    rt_stream_write(fs, BYTES("stream data"));
    rt_stream_write_byte(fs, '!');
    CHECK_EQ_I64(rt_stream_get_pos(fs), 12);
    CHECK_EQ_I64(rt_stream_get_len(fs), 12);
    CHECK(rt_stream_to_bytes(fs) == NULL);
    void *bf = rt_stream_as_binfile(fs);
    CHECK(bf != NULL);
    rt__obj_release_and_free(bf);
    rt_stream_close(fs); /* closes the owned file */
    rt__obj_release_and_free(fs);
    CHECK_STR(rt_io_file_read_all_text(S("s.bin")), "stream data!");
    fs = rt_stream_open_file(S("s.bin"), S("r"));
    CHECK_BYTES_OBJ(rt_stream_read(fs, 6), "stream", 6);
    CHECK_EQ_I64(rt_stream_read_byte(fs), ' ');
    CHECK_BYTES_OBJ(rt_stream_read_all(fs), "data!", 5);
    CHECK(rt_stream_is_eof(fs));
    rt_stream_set_pos(fs, 0);
    CHECK(!rt_stream_is_eof(fs));
    CHECK_BYTES_OBJ(rt_stream_read(fs, 100), "stream data!", 12); /* short read allowed */
    rt__obj_release_and_free(fs);
    void *f = rt_binfile_open(S("s.bin"), S("r"));
    void *wrap = rt_stream_from_binfile(f);
    CHECK_EQ_I64(rt_stream_read_byte(wrap), 's');
    rt_stream_close(wrap); /* not owned: f stays open */
    CHECK_EQ_I64(rt_binfile_read_byte(f), 't');
    rt__obj_release_and_free(wrap);
    rt__obj_release_and_free(f);
    CHECK_EXITS(rt_stream_open_file(S("missing"), S("r")), 1, "BinFile.Open: failed to open file");
}

static void test_binbuf(void) {
    void *b = rt_binbuf_new();
    CHECK_EQ_I64(rt_binbuf_get_len(b), 0);
    CHECK_EXITS(rt_binbuf_read_byte(b), 1, "BinaryBuffer: read past end");
    rt_binbuf_write_byte(b, 42);
    rt_binbuf_write_byte(b, 0x1FF);
    rt_binbuf_write_i16le(b, 1234);
    rt_binbuf_write_i16be(b, -2);
    rt_binbuf_write_i32le(b, 123456789);
    rt_binbuf_write_i32be(b, -1);
    rt_binbuf_write_i64le(b, -5);
    rt_binbuf_write_i64be(b, 0x0102030405060708LL);
    rt_binbuf_write_str(b, S("Hello, World!"));
    rt_binbuf_write_str(b, NULL);
    rt_binbuf_write_bytes(b, BYTES("xyz"));
    rt_binbuf_write_bytes(b, NULL);
    CHECK_EQ_I64(rt_binbuf_get_len(b), 2 + 4 + 8 + 16 + 4 + 13 + 4 + 3);
    CHECK_EQ_I64(rt_binbuf_get_position(b), rt_binbuf_get_len(b));
    rt_binbuf_set_position(b, 0);
    CHECK_EQ_I64(rt_binbuf_read_byte(b), 42);
    CHECK_EQ_I64(rt_binbuf_read_byte(b), 255);
    CHECK_EQ_I64(rt_binbuf_read_i16le(b), 1234);
    CHECK_EQ_I64(rt_binbuf_read_i16be(b), 65534); /* unsigned */
    CHECK_EQ_I64(rt_binbuf_read_i32le(b), 123456789);
    CHECK_EQ_I64(rt_binbuf_read_i32be(b), 4294967295LL);
    CHECK_EQ_I64(rt_binbuf_read_i64le(b), -5);
    CHECK_EQ_I64(rt_binbuf_read_i64be(b), 0x0102030405060708LL);
    CHECK_STR(rt_binbuf_read_str(b), "Hello, World!");
    CHECK_STR(rt_binbuf_read_str(b), "");
    CHECK_BYTES_OBJ(rt_binbuf_read_bytes(b, 3), "xyz", 3);
    CHECK_BYTES_OBJ(rt_binbuf_read_bytes(b, 0), "", 0);
    CHECK_EXITS(rt_binbuf_read_bytes(b, 1), 1, "BinaryBuffer: read past end");
    CHECK_EXITS(rt_binbuf_read_bytes(b, -1), 1, "BinaryBuffer: negative read count");
    /* byte order on the wire */
    void *t = rt_binbuf_to_bytes(b);
    CHECK_BYTES_OBJ(rt_bytes_slice(t, 2, 6), "\xd2\x04\xff\xfe", 4);
    CHECK_BYTES_OBJ(rt_bytes_slice(t, 30, 34), "\x0d\x00\x00\x00", 4);
    /* overwrite in the middle keeps len */
    rt_binbuf_set_position(b, 0);
    rt_binbuf_write_byte(b, 7);
    CHECK_EQ_I64(rt_binbuf_get_len(b), 54);
    CHECK_EQ_I64(rt_binbuf_get_position(b), 1);
    /* set_Pos clamps */
    rt_binbuf_set_position(b, -4);
    CHECK_EQ_I64(rt_binbuf_get_position(b), 0);
    rt_binbuf_set_position(b, 1000);
    CHECK_EQ_I64(rt_binbuf_get_position(b), 54);
    /* ReadStr with a length beyond the data: length word consumed, then trap */
    void *bad = rt_binbuf_from_bytes(BYTES("\x10\x00\x00\x00" "abc"));
    CHECK_EQ_I64(rt_binbuf_get_position(bad), 0);
    CHECK_EQ_I64(rt_binbuf_get_len(bad), 7);
    CHECK_EXITS(rt_binbuf_read_str(bad), 1, "BinaryBuffer: read past end");
    rt_binbuf_reset(bad);
    CHECK_EQ_I64(rt_binbuf_get_len(bad), 0);
    CHECK_EQ_I64(rt_binbuf_get_position(bad), 0);
    /* growth beyond the initial capacity */
    void *c = rt_binbuf_new_cap(0);
    for (int i = 0; i < 1000; i++)
        rt_binbuf_write_i32le(c, i);
    rt_binbuf_set_position(c, 4 * 999);
    CHECK_EQ_I64(rt_binbuf_read_i32le(c), 999);
    /* NULL */
    CHECK_EQ_I64(rt_binbuf_get_len(NULL), 0);
    CHECK_EQ_I64(rt_binbuf_get_position(NULL), 0);
    rt_binbuf_set_position(NULL, 1);
    rt_binbuf_reset(NULL);
    CHECK_BYTES_OBJ(rt_binbuf_to_bytes(NULL), "", 0);
    CHECK_EQ_I64(rt_binbuf_get_len(rt_binbuf_from_bytes(NULL)), 0);
    CHECK_EXITS(rt_binbuf_read_byte(NULL), 1, "BinaryBuffer: null buffer");
    CHECK_EXITS(rt_binbuf_write_byte(NULL, 1), 1, "BinaryBuffer: null buffer");
    CHECK_EXITS(rt_binbuf_write_str(NULL, S("x")), 1, "BinaryBuffer: null buffer");
    CHECK_EXITS(rt_binbuf_read_str(NULL), 1, "BinaryBuffer: null buffer");
    CHECK_EXITS(rt_binbuf_read_bytes(NULL, 1), 1, "BinaryBuffer: null buffer");
    CHECK_EXITS(rt_binbuf_write_bytes(NULL, NULL), 1, "BinaryBuffer: null buffer");
    CHECK_EXITS(rt_binbuf_write_i64be(NULL, 1), 1, "BinaryBuffer: null buffer");
    rt__obj_release_and_free(b);
    rt__obj_release_and_free(c);
    rt__obj_release_and_free(bad);
}

static void test_bytes_binary(void) {
    void *b = rt_bytes_new(8);
    rt_bytes_write_i16le(b, 0, 70000); /* truncates: 0x70 0x11 */
    CHECK_EQ_I64(rt_bytes_get(b, 0), 0x70);
    CHECK_EQ_I64(rt_bytes_get(b, 1), 0x11);
    rt_bytes_write_i16be(b, 0, -1);
    CHECK_EQ_I64(rt_bytes_read_i16le(b, 0), 65535);
    CHECK_EQ_I64(rt_bytes_read_i16be(b, 0), 65535);
    rt_bytes_write_i32be(b, 4, 0x01020304);
    CHECK_EQ_I64(rt_bytes_get(b, 4), 1);
    CHECK_EQ_I64(rt_bytes_read_i32be(b, 4), 0x01020304);
    CHECK_EQ_I64(rt_bytes_read_i32le(b, 4), 0x04030201);
    rt_bytes_write_i32le(b, 0, -1);
    CHECK_EQ_I64(rt_bytes_read_i32be(b, 0), 4294967295LL);
    rt_bytes_write_i64le(b, 0, -2);
    CHECK_EQ_I64(rt_bytes_read_i64le(b, 0), -2);
    CHECK_EQ_I64(rt_bytes_get(b, 0), 0xFE);
    rt_bytes_write_i64be(b, 0, 0x1122334455667788LL);
    CHECK_EQ_I64(rt_bytes_get(b, 0), 0x11);
    CHECK_EQ_I64(rt_bytes_read_i64be(b, 0), 0x1122334455667788LL);
    CHECK_EQ_I64(rt_bytes_read_i64le(b, 0), (int64_t)0x8877665544332211ULL);
    CHECK_EQ_I64(rt_bytes_read_i16le(b, 6), 0x8877);
    CHECK_EXITS(rt_bytes_read_i16le(b, 7), 1, "Bytes: binary read/write out of bounds");
    CHECK_EXITS(rt_bytes_read_i64be(b, 1), 1, "Bytes: binary read/write out of bounds");
    CHECK_EXITS(rt_bytes_write_i32le(b, -1, 0), 1, "Bytes: binary read/write out of bounds");
    CHECK_EXITS(rt_bytes_read_i32le(BYTES("ab"), 0), 1, "Bytes: binary read/write out of bounds");
    CHECK_EXITS(rt_bytes_read_i32le(b, INT64_MAX), 1, "Bytes: binary read/write out of bounds");
    CHECK_EXITS(rt_bytes_read_i16be(NULL, 0), 1, "Bytes: null object");
    CHECK_EXITS(rt_bytes_write_i64le(NULL, 0, 0), 1, "Bytes: null object");
    rt__obj_release_and_free(b);
}

void run_tests(void) {
    char *dir = io_enter_tmpdir();
    test_linereader();
    test_linewriter();
    test_binfile();
    test_memstream_extra();
    test_stream();
    test_binbuf();
    test_bytes_binary();
    io_leave_tmpdir(dir);
}
