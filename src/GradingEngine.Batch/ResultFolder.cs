using GradingEngine.Batch.Output;

namespace GradingEngine.Batch;

/// <summary>The results folder of a batch run.</summary>
public static class ResultFolder
{
    /// <summary>
    /// Finishes the commit of a run that was killed while switching the result files (rolling it forward to that
    /// run's complete set) and removes the staging folders and temporary files of killed runs. Every run does this
    /// when it starts; call it before reading the results in a folder a run may have been killed writing. Does
    /// nothing (and writes nothing) when there is nothing to recover.
    /// </summary>
    /// <returns>Whether an interrupted commit was finished.</returns>
    public static bool Recover(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!ResultCommit.HasLeftovers(folder))
        {
            return false;
        }

        using (ResultCommit.Lock(folder))
        {
            return ResultCommit.RecoverLocked(folder);
        }
    }
}
