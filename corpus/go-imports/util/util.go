package util

func init() {}
