namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>What a file looks like from outside, to notice it changed without reading it.</summary>
internal readonly record struct FileStamp(bool Exists, long Length, DateTime LastWriteUtc)
{
    public static FileStamp Of(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return file.Exists ? new FileStamp(true, file.Length, file.LastWriteTimeUtc) : default;
        }
        catch (IOException)
        {
            // Deleted between the two questions: it is gone.
            return default;
        }
    }
}
