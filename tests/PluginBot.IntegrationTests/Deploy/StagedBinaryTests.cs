using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace PluginBot.IntegrationTests.Deploy;

/// <summary>The staged self-contained binary, started with nothing but its settings file: no .NET on PATH.</summary>
[Collection(DeployCollection.Name)]
public sealed class StagedBinaryTests(PublishFixture publish)
{
    [Fact]
    public async Task The_staged_binary_with_only_its_env_file_answers_readiness_and_metrics()
    {
        await using var server = new StagedServer();
        Assert.Equal(0, (await server.SetupAsync(publish.PublishDirectory)).ExitCode);
        server.UsePort();
        var start = new ProcessStartInfo(Path.Combine(server.Current, "pluginbot"))
        {
            WorkingDirectory = server.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var line in File.ReadAllLines(server.EnvFile).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#')))
        {
            start.Environment[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        // As the unit sets it; and a PATH on which no dotnet can be found.
        start.Environment["Kernel__DataDirectory"] = server.DataDirectory;
        start.Environment["PATH"] = "/nonexistent";
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync();
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Setting("METRICS_TOKEN"));

            var metrics = await client.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/metrics"));
            var body = await metrics.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains("pluginbot_tasks{", body, StringComparison.Ordinal);
            Assert.Contains("pluginbot_outbox_backlog{", body, StringComparison.Ordinal);
            Assert.Contains("loop=\"tasks:workers\"", body, StringComparison.Ordinal);
            Assert.True(File.Exists(server.DatabasePath));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
