namespace GradingEngine.Store;

/// <summary>The results store cannot be used: it cannot be opened, its schema is newer than this tool, or writing failed. The run is not recorded.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
