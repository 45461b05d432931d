namespace GradingEngine.Batch.Input;

/// <summary>A read-only, forward-only stream whose bytes a subclass produces a chunk at a time, as they are read.</summary>
internal abstract class ProducedStream : Stream
{
    private ReadOnlyMemory<byte> _chunk;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The next bytes; empty at the end (and only there). The memory may be reused by the next call.</summary>
    protected abstract ReadOnlyMemory<byte> Produce();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_chunk.IsEmpty)
        {
            if (_ended)
            {
                return 0;
            }

            _chunk = Produce();
            _ended = _chunk.IsEmpty;
        }

        var n = Math.Min(buffer.Length, _chunk.Length);
        _chunk.Span[..n].CopyTo(buffer);
        _chunk = _chunk[n..];
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
