/*
 * rt_objects_abi.h — prototypes of the runtime ABI functions implemented by part B of the native
 * runtime (arrays, objects/classes, boxes, collections, module variables, memory, file channels,
 * terminal/demo functions). Declared with the IL-level widths (RUNTIME-ABI §0.1–§0.3): int64_t for
 * i64, int32_t for i32, bool for i1, double for f64, rt_string for str, void * for ptr/obj.
 * Every .c file of part B includes this header (via rt_objects_internal.h) so definitions are
 * checked against it.
 */
#ifndef VIPER_RT_OBJECTS_ABI_H
#define VIPER_RT_OBJECTS_ABI_H

#include "rt_internal.h"


/* ---- memory.c ---- */
void *rt_alloc(int64_t bytes);

/* ---- array.c ---- */
RT_NORETURN void rt_arr_oob_panic(int64_t idx, int64_t len);
int64_t *rt_arr_i64_new(int64_t n);
int64_t rt_arr_i64_len(int64_t *a);
void rt_arr_i64_retain(int64_t *a);
void rt_arr_i64_release(int64_t *a);
int64_t rt_arr_i64_get(int64_t *a, int64_t i);
void rt_arr_i64_set(int64_t *a, int64_t i, int64_t v);
int64_t *rt_arr_i64_resize(int64_t *a, int64_t n);
double *rt_arr_f64_new(int64_t n);
int64_t rt_arr_f64_len(double *a);
void rt_arr_f64_retain(double *a);
void rt_arr_f64_release(double *a);
double rt_arr_f64_get(double *a, int64_t i);
void rt_arr_f64_set(double *a, int64_t i, double v);
void **rt_arr_obj_new(int64_t n);
int64_t rt_arr_obj_len(void **a);
void *rt_arr_obj_get(void **a, int64_t i);
void rt_arr_obj_put(void **a, int64_t i, void *v);
void rt_arr_obj_release(void **a);
rt_string *rt_arr_str_alloc(int64_t n);
int64_t rt_arr_str_len(rt_string *a);
rt_string rt_arr_str_get(rt_string *a, int64_t i);
void rt_arr_str_put(rt_string *a, int64_t i, rt_string v);
void rt_arr_str_release(rt_string *a, int64_t n);

/* ---- object.c ---- */
void *rt_obj_new_i64(int64_t class_id, int64_t size);
int64_t rt_obj_class_id(void *p);
void rt_register_class_with_base_rs(int64_t type_id, void **vtable, rt_string qname, int64_t nslots,
                                    int64_t base_id);
void **rt_get_class_vtable(int64_t type_id);
int64_t rt_typeid_of(void *obj);
int64_t rt_type_is_a(int64_t t, int64_t u);
void *rt_cast_as(void *obj, int64_t u);
void rt_register_interface_direct(int64_t iface_id, void *qname, int64_t nslots);
void rt_bind_interface(int64_t type_id, int64_t iface_id, void **itable);
bool rt_obj_equals(void *a, void *b);
bool rt_obj_reference_equals(void *a, void *b);
rt_string rt_obj_to_string(void *p);

/* ---- box.c ---- */
void *rt_box_i64(int64_t v);
void *rt_box_f64(double v);
void *rt_box_i1(int64_t v);
void *rt_box_str(rt_string s);
int64_t rt_unbox_i64(void *b);
double rt_unbox_f64(void *b);
int64_t rt_unbox_i1(void *b);
rt_string rt_unbox_str(void *b);
int64_t rt_box_type(void *b);
bool rt_box_eq_i64(void *b, int64_t v);
bool rt_box_eq_f64(void *b, double v);
bool rt_box_eq_str(void *b, rt_string s);
void *rt_box_value_type(int64_t size);

/* ---- list.c ---- */
void *rt_ns_list_new(void);
void rt_list_push(void *l, void *x);
int64_t rt_list_len(void *l);
bool rt_list_is_empty(void *l);
void *rt_list_get(void *l, int64_t i);
void rt_list_set(void *l, int64_t i, void *x);
void rt_list_remove_at(void *l, int64_t i);
void rt_list_clear(void *l);
void rt_list_insert(void *l, int64_t i, void *x);
int64_t rt_list_find(void *l, void *x);
bool rt_list_has(void *l, void *x);
bool rt_list_remove(void *l, void *x);
void rt_list_flip(void *l);
void rt_list_sort(void *l);
void rt_list_sort_desc(void *l);
void *rt_list_first(void *l);
void *rt_list_last(void *l);
void *rt_list_pop(void *l);
void *rt_list_slice(void *l, int64_t start, int64_t end);

/* ---- seq.c ---- */
void *rt_seq_new(void);
void *rt_seq_with_capacity(int64_t cap);
int64_t rt_seq_len(void *s);
int64_t rt_seq_cap(void *s);
bool rt_seq_is_empty(void *s);
void *rt_seq_get(void *s, int64_t i);
void rt_seq_set(void *s, int64_t i, void *x);
void rt_seq_push(void *s, void *x);
void rt_seq_push_all(void *s, void *other);
void *rt_seq_pop(void *s);
void *rt_seq_peek(void *s);
void *rt_seq_first(void *s);
void *rt_seq_last(void *s);
void rt_seq_insert(void *s, int64_t i, void *x);
void *rt_seq_remove(void *s, int64_t i);
void rt_seq_clear(void *s);
int64_t rt_seq_find(void *s, void *x);
bool rt_seq_has(void *s, void *x);
void rt_seq_reverse(void *s);
void rt_seq_sort(void *s);
void rt_seq_sort_desc(void *s);
void rt_seq_shuffle(void *s);
void *rt_seq_slice(void *s, int64_t start, int64_t end);
void *rt_seq_take(void *s, int64_t n);
void *rt_seq_drop(void *s, int64_t n);
void *rt_seq_clone(void *s);

/* ---- map.c ---- */
void *rt_map_new(void);
void rt_map_set(void *mp, rt_string k, void *v);
void *rt_map_get(void *mp, rt_string k);
void *rt_map_get_or(void *mp, rt_string k, void *dflt);
bool rt_map_has(void *mp, rt_string k);
int64_t rt_map_len(void *mp);
bool rt_map_is_empty(void *mp);
bool rt_map_remove(void *mp, rt_string k);
bool rt_map_set_if_missing(void *mp, rt_string k, void *v);
void rt_map_clear(void *mp);
void *rt_map_keys(void *mp);
void *rt_map_values(void *mp);
void rt_map_set_int(void *mp, rt_string k, int64_t v);
void rt_map_set_float(void *mp, rt_string k, double v);
void rt_map_set_str(void *mp, rt_string k, rt_string v);
int64_t rt_map_get_int(void *mp, rt_string k);
int64_t rt_map_get_int_or(void *mp, rt_string k, int64_t dflt);
double rt_map_get_float(void *mp, rt_string k);
double rt_map_get_float_or(void *mp, rt_string k, double dflt);
rt_string rt_map_get_str(void *mp, rt_string k);

/* ---- ring.c ---- */
void *rt_ring_new(int64_t cap);
void *rt_ring_new_default(void);
int64_t rt_ring_cap(void *p);
int64_t rt_ring_len(void *p);
bool rt_ring_is_empty(void *p);
bool rt_ring_is_full(void *p);
void rt_ring_push(void *p, void *x);
void *rt_ring_pop(void *p);
void *rt_ring_get(void *p, int64_t i);
void *rt_ring_peek(void *p);
void rt_ring_clear(void *p);

/* ---- defaultmap.c ---- */
void *rt_defaultmap_new(void *dflt);
void rt_defaultmap_set(void *p, rt_string k, void *v);
void *rt_defaultmap_get(void *p, rt_string k);
void *rt_defaultmap_get_default(void *p);
bool rt_defaultmap_has(void *p, rt_string k);
int64_t rt_defaultmap_len(void *p);
int64_t rt_defaultmap_remove(void *p, rt_string k);
void rt_defaultmap_clear(void *p);
void *rt_defaultmap_keys(void *p);

/* ---- modvar.c ---- */
void *rt_modvar_addr_i64(rt_string name);
void *rt_modvar_addr_ptr(rt_string name);
void *rt_modvar_addr_str(rt_string name);

/* ---- file.c ---- */
int32_t rt_open_err_vstr(rt_string path, int32_t mode, int32_t ch);
int32_t rt_close_err(int32_t ch);
int32_t rt_write_ch_err(int32_t ch, rt_string s);
int32_t rt_println_ch_err(int32_t ch, rt_string s);
int32_t rt_line_input_ch_err(int32_t ch, rt_string *out);
int32_t rt_eof_ch(int32_t ch);

/* ---- terminal.c ---- */
void rt_term_cls(void);
void rt_term_color_i32(int32_t fg, int32_t bg);
void rt_term_locate_i32(int32_t row, int32_t col);
void rt_term_cursor_visible_i32(int32_t visible);
void rt_term_alt_screen_i32(int32_t enable);
rt_string rt_inkey_str(void);
rt_string rt_term_read_line(void);
void rt_sleep_ms(int32_t ms);

/* ---- stackqueue.c ---- */
void *rt_stack_new(void);
int64_t rt_stack_len(void *s);
bool rt_stack_is_empty(void *s);
void rt_stack_push(void *s, void *x);
void *rt_stack_pop(void *s);
void *rt_stack_peek(void *s);
void rt_stack_clear(void *s);
void *rt_queue_new(void);
int64_t rt_queue_len(void *q);
bool rt_queue_is_empty(void *q);
void rt_queue_push(void *q, void *x);
void *rt_queue_pop(void *q);
void *rt_queue_peek(void *q);
void rt_queue_clear(void *q);

#endif
