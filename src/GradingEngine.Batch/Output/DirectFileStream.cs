using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GradingEngine.Batch.Output;

/// <summary>
/// A result file written past the page cache (Linux's <c>O_DIRECT</c>): its bytes are gathered in aligned buffers of
/// <see cref="BufferSize"/> and each full buffer is written to disk by a pool thread while the next one fills. A
/// buffered write copies every byte into the kernel's page cache (about 2 ns a byte here, more while the results
/// store writes its own file beside it) and the kernel writes it out again later, beside the grading; written
/// directly, the bytes are on disk as the run goes and the commit's <c>fsync</c> finds nothing left to write. The
/// last, partial block is written padded to the alignment and the file cut to its length before that <c>fsync</c>
/// (<see cref="FlushToDisk"/>). Where the file system refuses <c>O_DIRECT</c> (tmpfs), elsewhere than Linux, or with
/// <c>GRADING_DIRECT_WRITES=0</c>, <see cref="Create"/> gives a plain buffered file.
/// </summary>
internal sealed unsafe partial class DirectFileStream : Stream
{
    /// <summary>Bytes gathered before a write: large enough that the disk sees few requests.</summary>
    internal const int BufferSize = 4 << 20;

    /// <summary>The offsets, lengths and buffer addresses <c>O_DIRECT</c> needs aligned (the largest logical block size in use).</summary>
    private const int Alignment = 4096;

    private const int WriteOnly = 0x1, CreateFlag = 0x40, Exclusive = 0x80, CloseOnExec = 0x80000;
    private const int NotPermitted = 1, PermissionDenied = 13, InvalidArgument = 22;

    private readonly SafeFileHandle _handle;
    private byte* _filling;
    private byte* _writing;
    private int _used;
    private long _offset; // where the filling buffer goes in the file
    private Task _pending = Task.CompletedTask;
    private bool _completed;
    private bool _disposed;

    private DirectFileStream(SafeFileHandle handle)
    {
        _handle = handle;
        _filling = (byte*)NativeMemory.AlignedAlloc(BufferSize, Alignment);
        _writing = (byte*)NativeMemory.AlignedAlloc(BufferSize, Alignment);
    }

    /// <summary>
    /// Creates <paramref name="path"/> (a new file) written directly where the system allows it, else a buffered
    /// <see cref="FileStream"/> with a buffer of <paramref name="bufferSize"/>.
    /// </summary>
    public static Stream Create(string path, int bufferSize)
    {
        if (OperatingSystem.IsLinux() && DirectFlag() is { } direct && Environment.GetEnvironmentVariable("GRADING_DIRECT_WRITES") != "0")
        {
            var fd = Open(path, WriteOnly | CreateFlag | Exclusive | CloseOnExec | direct, 438 /* 0666, less the umask */);
            if (fd >= 0)
            {
                return new DirectFileStream(new SafeFileHandle(fd, ownsHandle: true));
            }

            var error = Marshal.GetLastPInvokeError();
            if (error is PermissionDenied or NotPermitted)
            {
                throw new UnauthorizedAccessException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}"); // as FileStream reports it
            }

            if (error != InvalidArgument || !File.Exists(path))
            {
                throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }

            // Created (O_EXCL: by this call), but its file system takes no direct writes (tmpfs: EINVAL): made again below.
            File.Delete(path);
        }

        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
    }

    /// <summary>Whether a stream <see cref="Create"/> gave is written directly.</summary>
    internal static bool IsDirect(Stream stream) => stream is DirectFileStream;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_completed;

    public override long Length => _offset + _used;

    public override long Position
    {
        get => _offset + _used;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("the file has been flushed to disk: it takes no more bytes");
        }

        while (!buffer.IsEmpty)
        {
            var take = Math.Min(BufferSize - _used, buffer.Length);
            buffer[..take].CopyTo(new Span<byte>(_filling + _used, take));
            _used += take;
            buffer = buffer[take..];
            if (_used == BufferSize)
            {
                Submit(BufferSize);
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Nothing: the bytes go to disk a buffer at a time, and the last ones with <see cref="FlushToDisk"/>.</summary>
    public override void Flush()
    {
    }

    /// <summary>
    /// Writes what is gathered (the last block padded, then the file cut to its length) and makes the file durable
    /// (<c>fsync</c>); the file takes no more bytes after it. A second call does nothing more.
    /// </summary>
    public void FlushToDisk()
    {
        if (_completed)
        {
            return;
        }

        var length = _offset + _used;
        var padded = (_used + Alignment - 1) / Alignment * Alignment;
        new Span<byte>(_filling + _used, padded - _used).Clear();
        Submit(padded);
        Wait();
        _completed = true;
        FreeBuffers(); // 8 MiB a file, not kept until the commit
        using var file = new FileStream(_handle, FileAccess.Write, bufferSize: 0);
        file.SetLength(length);
        file.Flush(flushToDisk: true);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            try
            {
                _pending.Wait(); // the pool thread writes from a buffer freed below
            }
            catch (AggregateException)
            {
                // a failed write is thrown by the next Write or FlushToDisk; a run that stops here is deleted anyway
            }

            FreeBuffers();
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }

    private void FreeBuffers()
    {
        if (_filling is not null)
        {
            NativeMemory.AlignedFree(_filling);
            NativeMemory.AlignedFree(_writing);
            _filling = null;
            _writing = null;
        }
    }

    /// <summary>Hands the filling buffer's first <paramref name="length"/> bytes (a multiple of the alignment) to a pool thread once the previous write is done.</summary>
    private void Submit(int length)
    {
        Wait();
        var full = _filling;
        _filling = _writing;
        _writing = full;
        var (handle, buffer, offset) = (_handle, (nint)full, _offset);
        _pending = Task.Run(() => WriteAt(handle, buffer, length, offset));
        _offset += _used;
        _used = 0;
    }

    /// <summary>Waits for the write in flight; its failure (a full disk) is thrown here, as a write would throw it.</summary>
    private void Wait() => _pending.GetAwaiter().GetResult();

    private static void WriteAt(SafeFileHandle handle, nint buffer, int length, long offset) =>
        RandomAccess.Write(handle, new ReadOnlySpan<byte>((void*)buffer, length), offset);

    /// <summary>Linux's <c>O_DIRECT</c>, whose value depends on the processor; null where it is not known.</summary>
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);
}
