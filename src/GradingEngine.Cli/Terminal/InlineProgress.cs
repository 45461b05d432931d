namespace GradingEngine.Cli.Terminal;

/// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts to a synchronisation context).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
