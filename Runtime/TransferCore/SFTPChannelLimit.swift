/// The most SFTP channels one file is written over, whatever the worker or a partner's endpoint
/// asks: sshd's `MaxSessions` (10 by default) counts every channel of a connection, the
/// transfer's own SFTP channel and its rename channel included.
public let maximumSFTPChannelsPerFile = 8
