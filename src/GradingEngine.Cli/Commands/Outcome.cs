using GradingEngine.Batch;
using GradingEngine.Diagnostics;

namespace GradingEngine.Cli.Commands;

/// <summary>Turns what a command's run throws into the tool's message and exit code.</summary>
internal static class Outcome
{
    /// <summary>Runs <paramref name="run"/>; a problem it throws is written to <paramref name="error"/> and becomes its exit code.</summary>
    public static int Of(Func<int> run, TextWriter error)
    {
        try
        {
            return run();
        }
        catch (UsageException ex)
        {
            error.WriteLine(ex.Message);
            return Program.Usage;
        }
        catch (BatchOutputConflictException ex)
        {
            error.WriteLine(ex.Message); // --out names the data folder (or holds another input): a wrong command line
            return Program.Usage;
        }
        catch (GradingEngine.Grading.Cases.SchemeCaseFileException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine(problem);
            }

            return Program.InputProblems;
        }
        catch (SchemeLoadException ex)
        {
            Print(ex, error);
            return Program.InputProblems;
        }
        catch (Exception ex) when (ex is BatchInputException or Store.StoreException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or IOException)
        {
            error.WriteLine(Program.UserMessage(ex));
            return Program.InputProblems;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine();
            error.WriteLine("已取消：未写入任何结果文件 (cancelled; no result files were written)");
            return Program.Cancelled;
        }
    }

    /// <summary>Formats a scheme problem list for the error stream.</summary>
    public static void Print(SchemeLoadException ex, TextWriter error)
    {
        foreach (var diagnostic in ex.Diagnostics)
        {
            error.WriteLine(diagnostic);
        }

        error.WriteLine($"{ex.Diagnostics.Count} 个问题 ({ex.Diagnostics.Count} problems)");
    }
}
