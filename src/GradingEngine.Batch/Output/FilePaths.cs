namespace GradingEngine.Batch.Output;

/// <summary>Paths compared the way the file system sees them, not the way they were typed.</summary>
internal static class FilePaths
{
    private const int MaxLinks = 40;

    private static readonly EnumerationOptions AnyCase = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        MatchType = MatchType.Simple,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
    };

    /// <summary>
    /// The full path of <paramref name="path"/> as the file system names it: <c>.</c> and <c>..</c> removed, every
    /// existing part spelled as it is on disk (so on a case-insensitive file system <c>Data</c> and <c>data</c> give
    /// the same answer, and on a case-sensitive one they do not), and every symbolic link resolved; the last part's
    /// only when <paramref name="resolveLast"/>. Parts that do not exist are kept as given. Hard links are not seen.
    /// </summary>
    public static string Canonical(string path, bool resolveLast = true) => Resolve(Path.GetFullPath(path), resolveLast, 0);

    /// <summary>The folder holding <paramref name="canonicalPath"/>, or the path itself when it is a root.</summary>
    public static string Parent(string canonicalPath) => Path.GetDirectoryName(canonicalPath) ?? canonicalPath;

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it (both canonical).</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        if (string.Equals(path, folder, StringComparison.Ordinal))
        {
            return true;
        }

        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string Resolve(string full, bool resolveLast, int links)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        // Drive letters and share names are never case-sensitive.
        var current = OperatingSystem.IsWindows() ? root.ToUpperInvariant() : root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, Spelling(current, parts[i]));
            if ((resolveLast || i < parts.Length - 1) && links < MaxLinks && LinkTarget(next) is { } target)
            {
                // A relative target is relative to the folder that holds the link; the target may hold links itself.
                next = Resolve(Path.GetFullPath(target, current), resolveLast: true, links + 1);
            }

            current = next;
        }

        return current;
    }

    /// <summary>The name of the entry of <paramref name="folder"/> that <paramref name="name"/> opens, as spelled on disk.</summary>
    private static string Spelling(string folder, string name)
    {
        if (name.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return name;
        }

        try
        {
            string? other = null;
            var others = 0;
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder, name, AnyCase))
            {
                var found = Path.GetFileName(entry);
                if (string.Equals(found, name, StringComparison.Ordinal))
                {
                    return name;
                }

                other = found;
                others++;
            }

            // Another spelling is the same entry only where the file system itself opens it by this one.
            return others == 1 && Path.Exists(Path.Combine(folder, name)) ? other! : name;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return name;
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
