require('\x3ctag\x3e -> x; [y]');
