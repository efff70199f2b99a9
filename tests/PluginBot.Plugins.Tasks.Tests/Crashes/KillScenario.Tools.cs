using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PluginBot.Plugins.Tasks.Tests.Crashes;

/// <summary>
/// The tool scenario: the host also loads the WitnessTools test plugin, whose tools write every run to a file the
/// test reads; the model's first turn calls <c>note</c> then <c>hold</c>, and the host is killed while <c>hold</c> runs.
/// </summary>
internal sealed partial class KillScenario
{
    private string WitnessFolder => Path.Combine(_root, "data", "plugins", "witness-tools");

    /// <summary>Every tool run, in order, as the tools wrote them (<c>note {task} {topic}</c>, <c>hold {task}</c>).</summary>
    public IReadOnlyList<string> ToolRuns
    {
        get
        {
            var log = Path.Combine(WitnessFolder, "tool-runs.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        }
    }

    /// <summary>The gateway's calls for <paramref name="step"/>, of any run.</summary>
    public IReadOnlyList<StepCall> CallsOf(int step) => [.. _gateway.StepCalls.Where(c => c.Step == step)];

    /// <summary>One task: killed right after its first tool ran, while the second runs; then run to its end.</summary>
    public async Task RunToolKillAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        _pluginsPath = PluginsWithWitnessTools();
        _gateway.Tools = ["note", "hold"];
        await _gateway.StartAsync();

        var api = await StartAsync();
        using (var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            var prompt = $"{name} task 1";
            using var response = await http.PostAsJsonAsync("/api/tasks", new { prompt });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/tasks answered {(int)response.StatusCode}: {body}");
            _prompts[JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!] = prompt;
        }

        // note has run and returned: its result is checkpointed before hold starts, and hold writes its line first.
        await UntilAsync(() => ToolRuns.Any(r => r.StartsWith("hold ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        Assert.True(ToolRuns.Any(r => r.StartsWith("hold ", StringComparison.Ordinal)), $"hold never ran; tool runs: {string.Join(", ", ToolRuns)}");
        Kill();

        File.WriteAllText(Path.Combine(WitnessFolder, "release-hold"), "");
        await StartWorkersAsync();
        await WaitUntilFinalAsync(TimeSpan.FromSeconds(120));
        _host!.Kill();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A plugins folder with the real plugins and WitnessTools, as links to the test's own copies.</summary>
    private string PluginsWithWitnessTools()
    {
        var folder = Path.Combine(_root, "plugins");
        Directory.CreateDirectory(folder);
        foreach (var plugin in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "plugins")))
        {
            Directory.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(plugin)), plugin);
        }

        Directory.CreateSymbolicLink(Path.Combine(folder, "WitnessTools"), Path.Combine(AppContext.BaseDirectory, "testplugins", "WitnessTools"));
        return folder;
    }
}
