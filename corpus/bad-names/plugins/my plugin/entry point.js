/* ünïcödé */ import "日本語";
