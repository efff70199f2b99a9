using System.Net;
using System.Net.Sockets;

namespace PluginBot.IntegrationTests.Deploy;

/// <summary>
/// One self-contained linux-x64 publish of the host with its plugins per test run, made from a copy of the sources
/// in a temp folder (so the repository's own obj/ and artifacts/ stay as the build left them), and deleted after.
/// </summary>
public sealed class PublishFixture : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pluginbot-publish-" + Guid.NewGuid().ToString("N"));

    public string PublishDirectory => Path.Combine(_work, "publish");

    public static string DeployDirectory => Path.Combine(DotnetCli.RepoRoot, "deploy");

    public static string FakeSystemctl => Path.Combine(DotnetCli.RepoRoot, "tests", "PluginBot.IntegrationTests", "Deploy", "fake-systemctl.sh");

    public async Task InitializeAsync()
    {
        var sources = Path.Combine(_work, "src-copy");
        foreach (var folder in new[] { "src", "plugins", "build" })
        {
            CopySources(Path.Combine(DotnetCli.RepoRoot, folder), Path.Combine(sources, folder));
        }

        foreach (var file in new[] { ".editorconfig", "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            File.Copy(Path.Combine(DotnetCli.RepoRoot, file), Path.Combine(sources, file));
        }

        await DotnetCli.RunAsync(
            ["publish", Path.Combine(sources, "src", "Host"), "--nologo", "-c", "Release", "-r", "linux-x64", "--self-contained", "-nodeReuse:false", "-o", PublishDirectory],
            sources,
            TimeSpan.FromMinutes(15));
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }

        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from).Where(f => !f.EndsWith(".db", StringComparison.OrdinalIgnoreCase)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<PublishFixture>
{
    public const string Name = "deploy";
}
