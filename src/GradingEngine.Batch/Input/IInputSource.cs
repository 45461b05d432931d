using GradingEngine.Batch.Output;

namespace GradingEngine.Batch.Input;

/// <summary>
/// Where a run reads its inputs when they are not files: database tables (GradingEngine.Store). The names are those
/// of <see cref="ProvinceFiles"/>; each opens as a reader of records with a header, checked like a CSV file.
/// </summary>
internal interface IInputSource
{
    /// <summary>Opens one input, streaming.</summary>
    RecordFileReader Open(string name, RecordFileOptions options);

    /// <summary>What tells this input's contents apart, for the run's record.</summary>
    InputFingerprint Fingerprint(string kind, string name);
}
