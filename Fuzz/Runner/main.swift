#if !LIBFUZZER
import ArgumentParser

Fuzz.main()
#endif
