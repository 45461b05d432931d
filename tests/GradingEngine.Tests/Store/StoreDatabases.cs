using GradingEngine.Store;
using Npgsql;

namespace GradingEngine.Tests.Store;

/// <summary>
/// The stores the store tests run against: a new SQLite file each time, and a new schema in the PostgreSQL server that
/// <c>GRADINGENGINE_TEST_POSTGRES</c> names (<c>.ci/with-postgres</c> starts one). A PostgreSQL test fails when the
/// variable names a server that cannot be reached, and when <c>CI</c> is set but the variable is not: CI must never
/// skip them. Locally, without the variable, they are ignored with a message saying how to run them.
/// </summary>
internal static class StoreDatabases
{
    public const string Variable = "GRADINGENGINE_TEST_POSTGRES";

    public static IEnumerable<TestCaseData> Kinds()
    {
        yield return new TestCaseData("sqlite").SetArgDisplayNames("SQLite");
        yield return new TestCaseData("postgres").SetArgDisplayNames("PostgreSQL");
    }

    /// <summary>A connection string to an empty store of that kind; deleted with the test's folder or schema.</summary>
    public static string NewStore(string kind, string folder) =>
        kind == "sqlite" ? "Data Source=" + Path.Combine(folder, "store-" + Guid.NewGuid().ToString("N")[..8] + ".db") : NewPostgresSchema();

    /// <summary>The server's connection string with a new, empty schema first on the search path.</summary>
    public static string NewPostgresSchema()
    {
        var server = Server();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
    }

    /// <summary>The server, checked reachable; fails or ignores the test as the class says.</summary>
    public static string Server()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail($"CI is set but {Variable} is not: the PostgreSQL tests must run in CI (.ci/run starts a server with .ci/with-postgres)");
            }

            Assert.Ignore($"PostgreSQL tests need a server: run them with .ci/with-postgres dotnet test … (or set {Variable} to an Npgsql connection string)");
        }

        try
        {
            using var connection = new NpgsqlConnection(server);
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Assert.Fail($"{Variable} names a PostgreSQL server that cannot be reached ({ex.Message}): {server}");
        }

        return server!;
    }

    public static ResultStore Open(string connectionString) => ResultStore.Open(connectionString);
}
