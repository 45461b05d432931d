using System.Text;

namespace GradingEngine.Batch.Output;

/// <summary>
/// The files of one run, written into the run's own staging folder inside the results folder and switched into place
/// all together only when the whole run has succeeded (<see cref="ResultCommit"/>): at every moment the results folder
/// holds the earlier complete set or the new one, or a committed journal that the next run or reader rolls forward
/// to the new one. An interrupted or failed run never leaves a half-written result.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly string _folder;
    private readonly string _id;
    private readonly string _staging;
    private readonly ICommitObserver? _observer;
    private readonly List<(string Name, Stream Stream, IDisposable Writer)> _files = [];
    private FileStream? _owner;
    private readonly List<Task> _syncing = [];
    private int _synced;
    private ResultCommit.Journal? _journal;
    private bool _committed;

    /// <summary>
    /// Creates the folder if needed, finishes what killed runs left in it, and opens this run's staging folder, whose
    /// owner file stays locked while the run goes on so that other runs leave the folder alone.
    /// </summary>
    public OutputFiles(string folder, ICommitObserver? observer = null)
    {
        _folder = folder;
        _observer = observer;
        _id = ResultCommit.NewId();
        _staging = Path.Combine(folder, ResultCommit.StagingPrefix + _id);
        Directory.CreateDirectory(folder);
        using (ResultCommit.Lock(folder))
        {
            ResultCommit.RecoverLocked(folder);
            Directory.CreateDirectory(_staging);
            _owner = new FileStream(Path.Combine(_staging, ResultCommit.OwnerName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        }
    }

    /// <summary>Opens <paramref name="name"/> for writing in the staging folder, in UTF-8 unless <paramref name="encoding"/> says otherwise.</summary>
    public StreamWriter Create(string name, bool byteOrderMark, ResultEncoding? encoding = null)
    {
        var stream = Open(name, 1 << 16);
        var writer = new StreamWriter(stream, (encoding ?? ResultEncoding.Utf8).TextEncoding(byteOrderMark), 1 << 16) { NewLine = "\n" };
        _files[^1] = (name, stream, writer);
        return writer;
    }

    /// <summary>
    /// Opens <paramref name="name"/> for writing bytes in the staging folder (UTF-8 unless <paramref name="encoding"/>
    /// says otherwise), with the byte-order mark if asked (UTF-8 only: GB18030 has none) and, if given, the CSV header
    /// line of the <paramref name="header"/> cells (escaped as every CSV text cell is).
    /// </summary>
    /// <remarks>
    /// With <paramref name="direct"/>, written past the page cache where the system allows it
    /// (<see cref="DirectFileStream"/>): for the large result files, written once in order and not read back by the run.
    /// </remarks>
    public Stream CreateStream(string name, bool byteOrderMark, IEnumerable<string>? header, ResultEncoding? encoding = null, bool direct = false)
    {
        var stream = direct ? OpenDirect(name) : Open(name, 1 << 20);
        var text = (encoding ?? ResultEncoding.Utf8).TextEncoding(byteOrderMark);
        stream.Write(text.Preamble);
        if (header is not null)
        {
            stream.Write(text.GetBytes(CharBuffer.CsvLine(header)));
        }

        return stream;
    }

    /// <summary>How many files have been opened.</summary>
    public int Count => _files.Count;

    /// <summary>
    /// Starts writing to disk, in the background, the streams opened by <see cref="CreateStream"/> among the first
    /// <paramref name="count"/> files, which the caller is done with (a kind's results are complete when the next
    /// kind's are opened). The commit then finds most of the run's bytes on disk already instead of waiting for all
    /// of them at the end.
    /// </summary>
    public void SyncInBackground(int count)
    {
        for (; _synced < count; _synced++)
        {
            if (_files[_synced] is { Writer: Stream stream } && stream == _files[_synced].Stream)
            {
                _syncing.Add(Task.Run(() => FlushToDisk(stream)));
            }
        }
    }

    /// <summary>
    /// Creates a scratch file in the staging folder (its name starts with a dot and is no result name): it is never
    /// moved into place and goes with the staging folder. The caller disposes it.
    /// </summary>
    public FileStream CreateScratch(string name) =>
        new(Path.Combine(_staging, ".scratch-" + name), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20);

    private FileStream Open(string name, int bufferSize)
    {
        var stream = new FileStream(PathOf(name), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
        _files.Add((name, stream, stream));
        return stream;
    }

    private Stream OpenDirect(string name)
    {
        var stream = DirectFileStream.Create(PathOf(name), 1 << 20);
        _files.Add((name, stream, stream));
        return stream;
    }

    private string PathOf(string name) => ResultCommit.ResultNames.Contains(name)
        ? Path.Combine(_staging, name)
        : throw new InvalidOperationException($"'{name}' is not one of the result names the commit knows");

    /// <summary>Writes what a result file still holds and makes it durable (<c>fsync</c>).</summary>
    private static void FlushToDisk(Stream stream)
    {
        switch (stream)
        {
            case DirectFileStream direct:
                direct.FlushToDisk();
                break;
            case FileStream file:
                file.Flush(flushToDisk: true);
                break;
            default:
                throw new InvalidOperationException($"not a result file: {stream.GetType().Name}");
        }
    }

    /// <summary>
    /// Flushes every file to disk, writes the journal naming them and the results of other formats to remove
    /// (the commit point), then moves the files into place, removes the others, deletes the journal and the staging
    /// folder.
    /// </summary>
    public void Commit()
    {
        foreach (var sync in _syncing)
        {
            sync.GetAwaiter().GetResult(); // a disk that is full: the IOException itself, as a write would throw it
        }

        foreach (var (_, stream, writer) in _files)
        {
            if (writer is StreamWriter text)
            {
                text.Flush();
            }

            FlushToDisk(stream);
            writer.Dispose();
        }

        _observer?.Reached(CommitStep.Staged, null);
        var names = _files.Select(f => f.Name).ToList();
        using (ResultCommit.Lock(_folder))
        {
            // A run killed since this one started may have left a commit: finish it first, so this one lands last.
            ResultCommit.RecoverLocked(_folder);
            var stale = ResultCommit.ResultNames.Where(n => !names.Contains(n) && File.Exists(Path.Combine(_folder, n))).ToList();
            ResultCommit.CheckReplaceable(_folder, names.Concat(stale));
            _journal = ResultCommit.WriteJournal(_folder, _id, names, stale);
            _observer?.Reached(CommitStep.JournalWritten, null);
            File.Move(_journal.Temporary, _journal.Path);
            _committed = true; // the staging folder belongs to the journal now: whatever happens, it is rolled forward
            _owner?.Dispose();
            _owner = null;
            try
            {
                _observer?.Reached(CommitStep.Committed, null);
                ResultCommit.RollForward(_folder, _journal, _observer);
            }
            catch (Exception first)
            {
                try
                {
                    ResultCommit.RollForward(_folder, _journal, observer: null);
                }
                catch (Exception again) when (again is IOException or UnauthorizedAccessException)
                {
                    throw new IOException(
                        $"结果文件未能全部替换：{again.Message}；下次向该文件夹评定（或 ResultFolder.Recover）时会先完成替换 (the result files could not all be replaced; the next run into this folder finishes the switch first)", again);
                }

                if (first is not (IOException or UnauthorizedAccessException))
                {
                    throw; // not the file system's doing (a test stopping the commit here): the folder is complete now, the caller is told all the same
                }
            }
        }
    }

    /// <summary>A run that did not reach the commit point: its staging folder and temporary journal are deleted.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        foreach (var sync in _syncing)
        {
            try
            {
                sync.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // a disk that is full: the files are deleted below all the same
            }
        }

        foreach (var (_, _, writer) in _files)
        {
            try
            {
                writer.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // a disk that is full: the file is deleted below all the same
            }
        }

        _owner?.Dispose();
        _owner = null;
        try
        {
            if (_journal is not null)
            {
                File.Delete(_journal.Temporary);
            }

            Directory.Delete(_staging, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // left for the next run to clean up
        }
    }
}
