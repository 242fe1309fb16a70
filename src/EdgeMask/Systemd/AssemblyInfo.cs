using System.Runtime.CompilerServices;

// The watchdog's tests live with the unit file and packaging tests.
[assembly: InternalsVisibleTo("EdgeMask.Deploy.Tests")]
