using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Http;

/// <summary>The database answers a query: without it the bot cannot work, so failure is Unhealthy (503).</summary>
internal sealed class DatabaseHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = database.Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("SQLite answers");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"SQLite at {database.FilePath} does not answer: {ex.Message}");
        }
    }
}
