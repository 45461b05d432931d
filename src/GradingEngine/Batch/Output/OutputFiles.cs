using System.Text;

namespace GradingEngine.Batch.Output;

/// <summary>
/// The files of one run, each written under a temporary name and renamed to its real name only when the whole run
/// has succeeded: an interrupted or failed run never leaves a half-written result (earlier results stay as they were).
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly string _folder;
    private readonly List<(string Temporary, string Final, IDisposable Writer)> _files = [];
    private bool _committed;

    public OutputFiles(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Opens <paramref name="name"/> for writing under a temporary name.</summary>
    public StreamWriter Create(string name, bool byteOrderMark)
    {
        var writer = new StreamWriter(Open(name, 1 << 16), new UTF8Encoding(byteOrderMark), 1 << 16) { NewLine = "\n" };
        _files[^1] = (_files[^1].Temporary, _files[^1].Final, writer);
        return writer;
    }

    /// <summary>
    /// Opens <paramref name="name"/> for writing UTF-8 bytes under a temporary name, with the byte-order mark if
    /// asked and the <paramref name="header"/> line if given.
    /// </summary>
    public Stream CreateStream(string name, bool byteOrderMark, string? header)
    {
        var stream = Open(name, 1 << 20);
        if (byteOrderMark)
        {
            stream.Write(Encoding.UTF8.Preamble);
        }

        if (header is not null)
        {
            stream.Write(new UTF8Encoding(false).GetBytes(header + "\n"));
        }

        return stream;
    }

    /// <summary>Creates the temporary file for <paramref name="name"/> and registers it for renaming.</summary>
    private FileStream Open(string name, int bufferSize)
    {
        var temporary = Path.Combine(_folder, $".{name}.{Environment.ProcessId}.partial");
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize);
        _files.Add((temporary, Path.Combine(_folder, name), stream));
        return stream;
    }

    /// <summary>Flushes every file and renames each to its real name.</summary>
    public void Commit()
    {
        foreach (var (_, _, writer) in _files)
        {
            writer.Dispose();
        }

        foreach (var (temporary, final, _) in _files)
        {
            File.Move(temporary, final, overwrite: true);
        }

        _committed = true;
    }

    /// <summary>Deletes the temporary files of a run that did not commit.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        foreach (var (temporary, _, writer) in _files)
        {
            writer.Dispose();
            File.Delete(temporary);
        }
    }
}
