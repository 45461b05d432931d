using GradingEngine.Batch.Output;
using Npgsql;

namespace GradingEngine.Store.Postgres;

/// <summary>What the report of a stored run reads: the aggregates kept with the run, the run's summary and item ids, its rows as they stream.</summary>
internal sealed partial class PostgresBackend
{
    public override (int Format, string Json)? RunReport(long runId)
    {
        using var command = Command("SELECT r.format, r.report::text FROM run_reports r JOIN runs u ON u.id = r.run_id WHERE r.run_id = $1 AND u.status = 'complete'");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }

    public override StoredRunFacts? RunFacts(long runId)
    {
        using var command = Command("SELECT summary::text, region_levels::text, items::text FROM runs WHERE id = $1 AND status = 'complete'");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredRunFacts(reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }
}
