using GradingEngine.Batch.Output;
using Microsoft.Data.Sqlite;

namespace GradingEngine.Store.Sqlite;

/// <summary>What the report of a stored run reads: the aggregates kept with the run, the run's summary and item ids, its rows as they stream.</summary>
internal sealed partial class SqliteBackend
{
    public override (int Format, string Json)? RunReport(long runId)
    {
        using var command = Command("SELECT r.format, r.report FROM run_reports r JOIN runs u ON u.id = r.run_id WHERE r.run_id = $id AND u.status = 'complete'");
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }

    public override StoredRunFacts? RunFacts(long runId)
    {
        using var command = Command("SELECT summary, region_levels, items FROM runs WHERE id = $id AND status = 'complete'");
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredRunFacts(reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }
}
