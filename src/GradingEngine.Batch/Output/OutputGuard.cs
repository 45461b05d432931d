namespace GradingEngine.Batch.Output;

/// <summary>
/// Refuses an output folder that would overwrite, remove or mix with a file the run reads. A run replaces every
/// result name in its output folder (and removes the results of other formats), so the rule is simple: the output
/// folder must not be, hold or lie inside any input file. Paths are compared as the file system sees them: full,
/// symbolic links resolved, spelled as on disk (<see cref="FilePaths.Canonical"/>).
/// </summary>
internal static class OutputGuard
{
    /// <exception cref="BatchOutputConflictException">The folder holds, is, or is inside one of <paramref name="inputFiles"/>.</exception>
    public static void Check(string outputFolder, IEnumerable<string> inputFiles)
    {
        ArgumentNullException.ThrowIfNull(outputFolder);
        var output = FilePaths.Canonical(outputFolder);
        foreach (var input in inputFiles)
        {
            // The file as named (a link in the data folder is replaced by a rename there) and what it points to.
            var named = FilePaths.Canonical(input, resolveLast: false);
            var target = FilePaths.Canonical(input);
            if (FilePaths.IsSameOrInside(output, named) || FilePaths.IsSameOrInside(output, target))
            {
                throw Conflict(outputFolder, input,
                    $"结果文件夹“{Path.GetFullPath(outputFolder)}”就是本次要读取的文件“{Path.GetFullPath(input)}”或在其中",
                    $"the output folder '{Path.GetFullPath(outputFolder)}' is, or is inside, '{Path.GetFullPath(input)}', a file this run reads");
            }

            if (output == FilePaths.Parent(named) || output == FilePaths.Parent(target))
            {
                throw Conflict(outputFolder, input,
                    $"结果文件夹“{Path.GetFullPath(outputFolder)}”中有本次要读取的文件“{Path.GetFullPath(input)}”，写入结果会覆盖或混入输入文件",
                    $"the output folder '{Path.GetFullPath(outputFolder)}' holds '{Path.GetFullPath(input)}', a file this run reads: results would overwrite or mix with the inputs");
            }
        }
    }

    private static BatchOutputConflictException Conflict(string outputFolder, string input, string chinese, string english) =>
        new($"{chinese}；请另选结果文件夹，未读取或写入任何文件 ({english}; choose another output folder; nothing was read or written)", outputFolder, input);
}
