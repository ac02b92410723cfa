extension SFTPFile {
    /// The read buffer size to use for streaming downloads.
    ///
    /// libssh2 (1.10 and 1.11) reads ahead four times the caller's buffer in ~30,000-byte
    /// requests, at most four times its 2 MiB default channel window (8 MiB), so bigger buffers
    /// keep more requests in flight. Over loopback (debug build, 2 busy cores, 200–300 MB file)
    /// it levels off from 1.2 MB: 30,000 B ~100 MB/s, 65,536 B ~140, 240,000 B ~175,
    /// 1,200,000 B ~190–207, 2,400,000 B ~194–207. At a distance the read-ahead is what one round
    /// trip carries, so 2 MiB: libssh2's 8 MiB cap, 4.8 MB with 1.2 MB buffers.
    public static let preferredReadSize = 2 * 1024 * 1024

    /// The write buffer size to use for streaming uploads.
    ///
    /// Measured as above before writes were pipelined, when bytes in flight equalled the buffer:
    /// 65,536 B ~93 MB/s, 240,000 B ~118, 1,200,000 B ~132–140, 4,800,000 B ~120–127. Now
    /// `preferredWriteWindow` sets what is in flight and the buffer only how often `write` is
    /// called.
    public static let preferredWriteSize = 1_200_000

    /// The most written bytes a file keeps in flight (`SFTPFile.write(_:)`), held twice: once by
    /// us until acknowledged, once in libssh2's queued requests.
    ///
    /// A little above the SSH channel's window (2 MiB from OpenSSH's sshd), so that window, not
    /// this, bounds a single stream at about 2 MiB per round trip: bytes wait for their
    /// acknowledgement only a moment longer than for the window to reopen. No more, since a file
    /// written over several channels holds about twice this per channel.
    public static let preferredWriteWindow = 2_359_296
}
