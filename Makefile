# The two commands a new user needs: `make demo` and `make test`. Each installs what is missing.
SWIFT ?= swift
PYTHON ?= python3
# SwiftPM's build folder, and where `make package` puts the function packages.
SCRATCH ?= .build
PACKAGES ?= $(SCRATCH)/packages
# The template's Lambda functions; the TransferWorker is packaged beside them for its image.
FUNCTIONS = ListObjects TransferObject ValidateTransfer GenerateReport Router ConfigService StatusService

.PHONY: deps build test demo bench chaos fuzz footprint echo-footprint startup-order package package-check package-libcurl-check package-libssh2-check package-demo worker-image sam-build deploy-rehearsal clean $(FUNCTIONS:%=build-%)

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The event plane's tests wait in real time for deliveries through moto; they run on their own,
# after the rest, so that the rest of the suite's servers do not starve them on a small machine.
# Every child process the suites start logs under $(TEST_LOG_DIR)/logs, and the fixtures record the
# secrets they used in $(TEST_LOG_DIR)/secrets.txt; then no log may hold any of them.
TEST_LOG_DIR ?= $(abspath $(SCRATCH))/test-logs
test: deps
	$(SWIFT) build --build-tests
	rm -rf "$(TEST_LOG_DIR)"
	TEST_LOG_DIR="$(TEST_LOG_DIR)" $(SWIFT) test --skip-build --skip EventPlaneTests
	TEST_LOG_DIR="$(TEST_LOG_DIR)" $(SWIFT) test --skip-build --filter EventPlaneTests
	scripts/secret-check.sh --secrets "$(TEST_LOG_DIR)/secrets.txt" "$(TEST_LOG_DIR)/logs"

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
	$(SWIFT) build -c release --product Router --static-swift-stdlib
	$(SWIFT) build -c release --product router-bench
	"$$($(SWIFT) build -c release --show-bin-path)/router-bench" --build-dir "$$($(SWIFT) build -c release --show-bin-path)"
	$(SWIFT) build -c release --product emulator
	for product in ListObjects TransferObject ValidateTransfer GenerateReport; do \
		$(SWIFT) build -c release --product $$product --static-swift-stdlib || exit 1; done
	scripts/workflow-bench.sh "$$($(SWIFT) build -c release --show-bin-path)"
	$(SWIFT) build -c release --product StatusService --static-swift-stdlib
	scripts/api-bench.sh "$$($(SWIFT) build -c release --show-bin-path)"
	$(SWIFT) build -c release --product TransferWorker --static-swift-stdlib
	$(SWIFT) build -c release --product sftp-bench
	LD_LIBRARY_PATH="$$(scripts/build-libssh2.sh $(SCRATCH))" "$$($(SWIFT) build -c release --show-bin-path)/sftp-bench"

# Per binary: stripped size, shared libraries, exec to first /next (release, static stdlib).
footprint: deps
	for product in ListObjects TransferObject ValidateTransfer GenerateReport Echo TransferWorker; do \
		$(SWIFT) build -c release --product $$product --static-swift-stdlib || exit 1; done
	$(SWIFT) build -c release --product emulator
	scripts/function-footprint.sh "$$($(SWIFT) build -c release --show-bin-path)"

# The runtime loop's footprint: Echo's package beside aws-lambda-cpp's echo, packaged the same way,
# in one run (scripts/echo-footprint.sh). aws-lambda-cpp is in no registry the project installs
# from: PEER_SOURCE=DIR names a copy of its source (include/, src/runtime.cpp, src/logging.cpp).
echo-footprint: deps
	@test -n "$(PEER_SOURCE)" || { echo "make echo-footprint: set PEER_SOURCE=DIR, a copy of aws-lambda-cpp's source (scripts/echo-footprint.sh --help)" >&2; exit 2; }
	@scripts/install-deps.sh --package
	scripts/package.sh --scratch-path $(SCRATCH) --out $(PACKAGES) Echo
	$(SWIFT) build --scratch-path $(SCRATCH) --product emulator
	$(SWIFT) build --scratch-path $(SCRATCH) --product package-root
	SCRATCH=$(SCRATCH) scripts/echo-footprint.sh "$(PEER_SOURCE)" $(PACKAGES)/Echo.zip \
		"$$($(SWIFT) build -c release --scratch-path $(SCRATCH) --show-bin-path)/Echo" \
		"$$($(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path)/emulator"

# Regenerates Packaging/startup-order.txt, the functions the runtime loop runs from exec to its
# second /next, which lld places together in every package (scripts/startup-order.sh: Echo under
# valgrind behind the emulator). Make the packages again afterwards.
startup-order: deps
	@scripts/install-deps.sh --package
	scripts/package.sh --scratch-path $(SCRATCH) --out $(PACKAGES) Echo
	$(SWIFT) build --scratch-path $(SCRATCH) --product emulator
	scripts/startup-order.sh "$$($(SWIFT) build -c release --scratch-path $(SCRATCH) --show-bin-path)/Echo" \
		"$$($(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path)/emulator"

# One self-contained zip per function (and the worker) in $(PACKAGES): bootstrap, the release
# binary and every library it loads, glibc and its loader included (scripts/package-function.sh).
package: deps
	@scripts/install-deps.sh --package
	scripts/package.sh --scratch-path $(SCRATCH) --out $(PACKAGES) $(FUNCTIONS) TransferWorker

# Unpacks each zip into an empty root and runs it there under the emulator (scripts/package-check.sh).
package-check: package
	$(SWIFT) build --scratch-path $(SCRATCH) --product emulator
	$(SWIFT) build --scratch-path $(SCRATCH) --product package-root
	scripts/package-check.sh $(PACKAGES) "$$($(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path)/emulator" $(FUNCTIONS)

# The HTTP transport, Runtime API client and AWS client suites (plain HTTP, HTTPS with private CAs,
# TLS verification, faults) on the packages' libcurl (scripts/build-libcurl.sh) in place of Debian's.
package-libcurl-check: deps
	@scripts/install-deps.sh --package
	$(SWIFT) build --scratch-path $(SCRATCH) --build-tests
	LD_LIBRARY_PATH="$$(scripts/build-libcurl.sh $(SCRATCH))" \
		$(SWIFT) test --scratch-path $(SCRATCH) --skip-build --filter 'MotoSuite|HTTPTransportTests|CurlRuntimeAPIClientTests'

# The SFTP suites (sshd, pipelined and multi-channel writes, drops, refusals) on the packages'
# libssh2 (scripts/build-libssh2.sh) in place of Debian's.
package-libssh2-check: deps
	@scripts/install-deps.sh --package
	$(SWIFT) build --scratch-path $(SCRATCH) --build-tests
	LD_LIBRARY_PATH="$$(scripts/build-libssh2.sh $(SCRATCH))" \
		$(SWIFT) test --scratch-path $(SCRATCH) --skip-build --filter 'SFTPTests|SFTPFlowTests|WorkerTests'

# The demo's batch workflow and SFTP jobs on moto and sshd, with every function and the worker run
# from its package, each in an empty root (emulator --packages).
package-demo: package
	$(SWIFT) build --scratch-path $(SCRATCH) --product emulator
	$(SWIFT) build --scratch-path $(SCRATCH) --product package-root
	PACKAGES=$(PACKAGES) scripts/demo-batch.sh "$$($(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path)/emulator"

# The TransferWorker's OCI image from Packaging/TransferWorker.Containerfile, built with buildah (no
# Docker daemon), its size, and one run to its first log line (scripts/worker-image.sh).
worker-image: package
	@scripts/install-deps.sh --image
	scripts/worker-image.sh $(PACKAGES)

# `sam build` (the template's functions have `BuildMethod: makefile`, `ContextPath: .` and
# `WorkingDirectory: .`) runs `make build-<LogicalId>` here with ARTIFACTS_DIR set: the same package
# `make package` makes, unpacked there. No Docker.
$(FUNCTIONS:%=build-%):
	@scripts/install-deps.sh --package
	scripts/package.sh --scratch-path $(SCRATCH) --out $(PACKAGES) $(@:build-%=%)
	cp -a $(PACKAGES)/$(@:build-%=%)/. "$(ARTIFACTS_DIR)/"

# `sam build` with the SAM CLI pinned in deps/requirements-sam.txt, then each artifact compared
# with its package (scripts/sam-build-check.sh).
sam-build:
	@scripts/install-deps.sh --package --sam
	scripts/sam-build-check.sh .build-tools/sam/bin/sam $(PACKAGES) $(FUNCTIONS)

# A deployment rehearsal on moto: sam build's artifacts packaged to S3, the SAM transform, the stack
# created by aws cloudformation deploy, then emulator up on the same moto (scripts/deploy-rehearsal.sh).
deploy-rehearsal: sam-build
	$(SWIFT) build --scratch-path $(SCRATCH) --product emulator
	scripts/deploy-rehearsal.sh $(SCRATCH)/sam-build "$$($(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path)/emulator"

# The engine under blows (Benchmarks/ChaosBench, Peers/ChaosHarness): a batch execution, S3 events
# through the Router and SFTP jobs, untouched and then with functions, the emulator, workers, the
# Router and sshd killed, sshd stalled and AWS requests failed; every byte checked.
chaos: deps
	$(SWIFT) build -c release --product emulator
	$(SWIFT) build -c release --product chaos-bench
	for product in ListObjects TransferObject ValidateTransfer GenerateReport TransferWorker Router; do \
		$(SWIFT) build -c release --product $$product --static-swift-stdlib || exit 1; done
	"$$($(SWIFT) build -c release --show-bin-path)/chaos-bench"

# Every parser of untrusted input under libFuzzer (FUZZ_SECONDS per target, 60 by default).
fuzz: deps
	scripts/fuzz.sh

clean:
	rm -rf .build
