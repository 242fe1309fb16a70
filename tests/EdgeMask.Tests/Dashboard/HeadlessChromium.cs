using EdgeMask.TestSupport;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace EdgeMask.Tests.Dashboard;

/// <summary>Debian's chromium, headless, driven through Debian's chromedriver (both from apt; no browser download).</summary>
internal sealed class HeadlessChromium : IDisposable
{
    private HeadlessChromium(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    public static HeadlessChromium Start()
    {
        var browser = SystemTools.Require("chromium");
        var chromedriver = SystemTools.Require("chromedriver");
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1100", "--no-first-run");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.SuppressInitialDiagnosticInformation = true;
        return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    /// <summary>Polls the page until <paramref name="read"/> returns a value <paramref name="accept"/> takes.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> read, Func<T, bool> accept, string description, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        T value = default!;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = read(Driver);
                if (accept(value))
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is NoSuchElementException or StaleElementReferenceException)
            {
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException($"{description}: last value '{value}'. Page text:\n{Driver.FindElement(By.TagName("body")).Text}");
    }

    public string Text(string cssSelector) => Driver.FindElement(By.CssSelector(cssSelector)).Text.Trim();

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
