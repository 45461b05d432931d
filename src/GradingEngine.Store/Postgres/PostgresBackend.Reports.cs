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

    public override IEnumerable<Batch.Report.ResultRow> ReportRows(long runId, ResultKind kind)
    {
        using var command = Command("SELECT subject_id, organisation_id, name, region, level, total, items, flags, measures, quota, bottom_ranking, last_year FROM results WHERE run_id = $1 AND kind = $2 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)kind });
        using var reader = command.ExecuteReader();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        string[]? Texts(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<string[]>(i);
        while (reader.Read())
        {
            yield return StoredReportRow.Of(reader.GetString(0), Text(1), Text(2), Texts(3), Text(4), reader.GetDouble(5),
                reader.GetFieldValue<double[]>(6), Texts(7), Texts(8), Text(9), Text(10), Text(11));
        }
    }
}
