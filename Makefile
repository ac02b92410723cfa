# The two commands a new user needs: `make demo` and `make test`. Each installs what is missing.
SWIFT ?= swift
PYTHON ?= python3

.PHONY: deps build test demo bench footprint clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

demo: build
	@scripts/demo.sh

bench:
	@scripts/install-deps.sh --bench
	$(SWIFT) build -c release --product runtime-bench
	$(SWIFT) build -c release --product Echo --static-swift-stdlib
	"$$($(SWIFT) build -c release --show-bin-path)/runtime-bench" --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	$(SWIFT) build -c release --product aws-bench
	"$$($(SWIFT) build -c release --show-bin-path)/aws-bench" --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	$(SWIFT) build -c release --product pattern-bench
	"$$($(SWIFT) build -c release --show-bin-path)/pattern-bench" --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	$(SWIFT) build -c release --product event-bench
	"$$($(SWIFT) build -c release --show-bin-path)/event-bench"
	$(SWIFT) build -c release --product emulator
	for product in ListObjects TransferObject ValidateTransfer GenerateReport; do \
		$(SWIFT) build -c release --product $$product --static-swift-stdlib || exit 1; done
	scripts/workflow-bench.sh "$$($(SWIFT) build -c release --show-bin-path)"
	$(SWIFT) build -c release --product TransferWorker --static-swift-stdlib
	$(SWIFT) build -c release --product sftp-bench
	"$$($(SWIFT) build -c release --show-bin-path)/sftp-bench"

# Per binary: stripped size, shared libraries, exec to first /next (release, static stdlib).
footprint: deps
	for product in ListObjects TransferObject ValidateTransfer GenerateReport Echo TransferWorker; do \
		$(SWIFT) build -c release --product $$product --static-swift-stdlib || exit 1; done
	$(SWIFT) build -c release --product emulator
	scripts/function-footprint.sh "$$($(SWIFT) build -c release --show-bin-path)"

clean:
	rm -rf .build
