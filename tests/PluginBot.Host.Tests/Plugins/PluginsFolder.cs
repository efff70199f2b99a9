namespace PluginBot.Host.Tests.Plugins;

/// <summary>
/// A plugins folder assembled in a temp directory from the test plugins the build staged next to the tests
/// (<c>testplugins/&lt;Folder&gt;</c>). It is created on the first addition, so an untouched one does not exist.
/// </summary>
public sealed class PluginsFolder : IDisposable
{
    private static readonly string Staged = Path.Combine(AppContext.BaseDirectory, "testplugins");

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pluginbot-tests", "plugins-" + Guid.NewGuid().ToString("N"));

    /// <summary>Copies a staged test plugin folder, optionally under another folder name.</summary>
    public PluginsFolder AddPlugin(string folder, string? asFolder = null)
    {
        var source = Path.Combine(Staged, folder);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Test plugin {source} was not staged: build the solution.");
        }

        var target = Path.Combine(Root, asFolder ?? folder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return this;
    }

    /// <summary>Copies one file of a staged test plugin straight into the folder root (a single-DLL plugin).</summary>
    public PluginsFolder AddRootFile(string folder, string fileName)
    {
        Directory.CreateDirectory(Root);
        File.Copy(Path.Combine(Staged, folder, fileName), Path.Combine(Root, fileName));
        return this;
    }

    public PluginsFolder WriteText(string relativePath, string text) => Write(relativePath, path => File.WriteAllText(path, text));

    public PluginsFolder WriteBytes(string relativePath, byte[] bytes) => Write(relativePath, path => File.WriteAllBytes(path, bytes));

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held by the OS is left for the temp cleaner.
        }
    }

    private PluginsFolder Write(string relativePath, Action<string> write)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        write(path);
        return this;
    }
}
