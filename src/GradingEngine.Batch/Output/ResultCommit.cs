using System.Diagnostics;
using System.Text;

namespace GradingEngine.Batch.Output;

/// <summary>The steps of the commit of a run's result files, in order (see <see cref="ResultCommit"/>).</summary>
internal enum CommitStep
{
    /// <summary>Every result file is written and flushed to disk in the staging folder; nothing is committed yet.</summary>
    Staged,

    /// <summary>The journal is written and flushed under its temporary name; still not committed.</summary>
    JournalWritten,

    /// <summary>The journal has its real name: the commit point, from here on the new set wins.</summary>
    Committed,

    /// <summary>One result file has been renamed from the staging folder into place (once per file).</summary>
    Moved,

    /// <summary>One result of an earlier run in a format this run does not write has been removed (once per file).</summary>
    Removed,

    /// <summary>The journal has been deleted.</summary>
    JournalRemoved,

    /// <summary>The staging folder has been deleted: the commit is over.</summary>
    Done,
}

/// <summary>
/// Test hook: told of each step of the commit as soon as it is done, so that a test can stop the run there (throw,
/// or pause the process and kill it) and check what the folder holds.
/// </summary>
internal interface ICommitObserver
{
    void Reached(CommitStep step, string? file);
}

/// <summary>
/// Switches a results folder from one complete set of result files to another so that no crash can leave a mix.
/// <list type="number">
/// <item>A run writes every result file into its own staging folder <c>.grading-staging-&lt;id&gt;</c> inside the
/// results folder, and flushes each to disk.</item>
/// <item>It writes a journal <c>.grading-commit-&lt;id&gt;</c> naming the files to move into place and the results of
/// other formats to remove: written under a temporary name, flushed, then renamed. The rename is the commit point.</item>
/// <item>It renames each file into place and removes the others' results, then deletes the journal, then the staging
/// folder.</item>
/// </list>
/// A journal left by a killed run is rolled forward by the next run (and by <see cref="ResultFolder.Recover"/>): the
/// files still in its staging folder are moved into place, the listed files removed; this can be repeated any number
/// of times. Staging folders without a journal are of runs that never committed and are deleted, unless their run is
/// still going (it holds <c>.owner</c> in its staging folder open and locked). Recovery and commits take turns on the
/// lock file <c>.grading-lock</c>.
/// </summary>
internal static class ResultCommit
{
    /// <summary>Every name a run may write into a results folder; the names a run does not write are removed.</summary>
    public static readonly IReadOnlyList<string> ResultNames =
    [
        "organisations.csv", "organisations.jsonl", "teams.csv", "teams.jsonl", "members.csv", "members.jsonl", "errors.csv", "summary.json", "results.xlsx",
    ];

    public const string StagingPrefix = ".grading-staging-";
    public const string JournalPrefix = ".grading-commit-";
    public const string OwnerName = ".owner";
    private const string TemporarySuffix = ".tmp";
    private const string LockName = ".grading-lock";
    private const string Magic = "grading-results-commit 1";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    /// <summary>A new run id: the time and a random part, usable in a file name.</summary>
    public static string NewId() =>
        DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Takes the folder's commit lock, waiting while another run commits or recovers.</summary>
    /// <exception cref="IOException">Another run held the lock for a whole minute.</exception>
    public static CommitLock Lock(string folder)
    {
        var path = Path.Combine(folder, LockName);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new CommitLock(path, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
            }
            catch (IOException ex) when (ex is not (DirectoryNotFoundException or PathTooLongException))
            {
                if (clock.Elapsed > LockWait)
                {
                    throw new IOException($"另一个评定一直在向“{Path.GetFullPath(folder)}”提交结果 (another run has been committing results into '{Path.GetFullPath(folder)}' for a minute)", ex);
                }

                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Whether a folder holds anything a killed run may have left: a journal, a staging folder, a temporary file, the lock file.</summary>
    public static bool HasLeftovers(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder, ".*").Any(path =>
        {
            var name = Path.GetFileName(path);
            return name.StartsWith(StagingPrefix, StringComparison.Ordinal) || name.StartsWith(JournalPrefix, StringComparison.Ordinal)
                || name == LockName || OldTemporary(name) is not null;
        });

    /// <summary>
    /// With the lock held: rolls forward every journal a killed run left, deletes the staging folders and temporary
    /// files of runs that are gone. Returns whether a commit was finished.
    /// </summary>
    public static bool RecoverLocked(string folder)
    {
        foreach (var temporary in Directory.GetFiles(folder, JournalPrefix + "*" + TemporarySuffix))
        {
            File.Delete(temporary); // a journal not yet committed: its run never reached the commit point
        }

        var finished = false;
        var journals = Directory.GetFiles(folder, JournalPrefix + "*")
            .Select(path => new FileInfo(path))
            .OrderBy(file => file.LastWriteTimeUtc)
            .ThenBy(file => file.Name, StringComparer.Ordinal);
        foreach (var file in journals)
        {
            if (Journal.Read(file.FullName) is { } journal)
            {
                RollForward(folder, journal, observer: null);
                finished = true;
            }
            else
            {
                File.Delete(file.FullName); // not a journal this tool wrote whole: nothing was committed by it
            }
        }

        foreach (var staging in Directory.GetDirectories(folder, StagingPrefix + "*"))
        {
            if (!InUse(staging))
            {
                TryDelete(() => Directory.Delete(staging, recursive: true));
            }
        }

        foreach (var path in Directory.GetFiles(folder, ".*.partial"))
        {
            if (OldTemporary(Path.GetFileName(path)) is { } process && !IsRunning(process))
            {
                TryDelete(() => File.Delete(path));
            }
        }

        return finished;
    }

    /// <summary>Deletes what a run that is gone left; if something (an antivirus, an open window) holds it, the next run tries again.</summary>
    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Fails, before anything is committed, when a file to be replaced or removed is held open by another program
    /// (a spreadsheet keeps the file it shows open and locked on Windows), so the commit does not stop half-way.
    /// </summary>
    public static void CheckReplaceable(string folder, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var path = Path.Combine(folder, name);
            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                // absent, or not readable by us: the rename does not need to read it
            }
            catch (IOException ex)
            {
                throw new IOException(
                    $"“{Path.GetFullPath(path)}”正被其他程序打开（例如电子表格），不能替换；请关闭后重新运行，原有结果未改动 ('{Path.GetFullPath(path)}' is open in another program, e.g. a spreadsheet, and cannot be replaced; close it and run again; the earlier results are unchanged)", ex);
            }
        }
    }

    /// <summary>Writes the journal under its temporary name, flushed to disk; the caller renames it to commit.</summary>
    public static Journal WriteJournal(string folder, string id, IReadOnlyList<string> moves, IReadOnlyList<string> removals)
    {
        var journal = new Journal(Path.Combine(folder, JournalPrefix + id), StagingPrefix + id, moves, removals);
        var text = new StringBuilder().Append(Magic).Append('\n').Append("staging ").Append(journal.Staging).Append('\n');
        foreach (var name in moves)
        {
            text.Append("move ").Append(name).Append('\n');
        }

        foreach (var name in removals)
        {
            text.Append("remove ").Append(name).Append('\n');
        }

        text.Append("end\n");
        using var stream = new FileStream(journal.Temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
        return journal;
    }

    /// <summary>Finishes a committed journal: moves, removals, then the journal, then the staging folder. Repeatable.</summary>
    public static void RollForward(string folder, Journal journal, ICommitObserver? observer)
    {
        var staging = Path.Combine(folder, journal.Staging);
        foreach (var name in journal.Moves)
        {
            var source = Path.Combine(staging, name);
            if (File.Exists(source))
            {
                File.Move(source, Path.Combine(folder, name), overwrite: true);
                observer?.Reached(CommitStep.Moved, name);
            }
        }

        foreach (var name in journal.Removals)
        {
            File.Delete(Path.Combine(folder, name));
            observer?.Reached(CommitStep.Removed, name);
        }

        File.Delete(journal.Path);
        observer?.Reached(CommitStep.JournalRemoved, null);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        observer?.Reached(CommitStep.Done, null);
    }

    /// <summary>Whether the run that owns a staging folder is still going: it keeps the folder's owner file locked.</summary>
    private static bool InUse(string staging)
    {
        try
        {
            using var owner = new FileStream(Path.Combine(staging, OwnerName), FileMode.Open, FileAccess.Read, FileShare.None, 1);
            return false;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>The process id of an earlier version's temporary result file (<c>.organisations.csv.1234.partial</c>), else null.</summary>
    private static int? OldTemporary(string name)
    {
        const string Suffix = ".partial";
        if (!name.StartsWith('.') || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var middle = name[1..^Suffix.Length];
        var dot = middle.LastIndexOf('.');
        return dot > 0 && ResultNames.Contains(middle[..dot])
            && int.TryParse(middle[(dot + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var process)
            ? process
            : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A commit journal: the staging folder, the files to move from it into place, the files to remove.</summary>
    internal sealed record Journal(string Path, string Staging, IReadOnlyList<string> Moves, IReadOnlyList<string> Removals)
    {
        public string Temporary => Path + TemporarySuffix;

        /// <summary>Reads a journal; null unless it is one this tool wrote whole, naming only result files.</summary>
        public static Journal? Read(string path)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllText(path, Encoding.UTF8).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            var id = System.IO.Path.GetFileName(path)[JournalPrefix.Length..];
            if (lines.Length < 3 || lines[0] != Magic || lines[1] != "staging " + StagingPrefix + id || lines[^1] != "end")
            {
                return null;
            }

            var moves = new List<string>();
            var removals = new List<string>();
            foreach (var line in lines[2..^1])
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? string.Empty : line[(space + 1)..];
                if (!ResultNames.Contains(name))
                {
                    return null;
                }

                switch (line[..Math.Max(space, 0)])
                {
                    case "move":
                        moves.Add(name);
                        break;
                    case "remove":
                        removals.Add(name);
                        break;
                    default:
                        return null;
                }
            }

            return new Journal(path, StagingPrefix + id, moves, removals);
        }
    }
}

/// <summary>The commit lock of a results folder; releasing it deletes the lock file.</summary>
internal sealed class CommitLock(string path, FileStream stream) : IDisposable
{
    public void Dispose()
    {
        if (OperatingSystem.IsWindows())
        {
            stream.Dispose();
            TryDelete(); // fails harmlessly if another run has already opened it
        }
        else
        {
            TryDelete(); // while still held, so no other run can have locked this file meanwhile
            stream.Dispose();
        }
    }

    private void TryDelete()
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
