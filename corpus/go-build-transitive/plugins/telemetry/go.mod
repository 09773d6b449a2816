module example.com/telemetry

go 1.21

toolchain go1.22.4
