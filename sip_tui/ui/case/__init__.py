"""The case screen: its parts, answers (Acceptera, Neka), history; which form a part opens."""
