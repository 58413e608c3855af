"""Reading a message: intent rules, the drafting policy, vacancy names and focus, countries, places and time zones."""
