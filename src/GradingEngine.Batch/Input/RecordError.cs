namespace GradingEngine.Batch.Input;

/// <summary>Why a record could not be read as it stands.</summary>
/// <param name="Column">
/// The 1-based character column, within its physical line, where the problem is; 0 when no single place is to blame.
/// When that place is on a later physical line than the one the record starts on, <paramref name="Message"/> names the line.
/// </param>
/// <param name="Message">The problem in Chinese with an English gloss, e.g. <c>引号未闭合 (unterminated quote)</c>.</param>
internal readonly record struct RecordError(int Column, string Message);
