// Package ui is newsline's terminal interface: a Bubble Tea program with a
// tag sidebar, a virtualized article list and a reader.
//
// The root Model (app.go) routes messages; the panes (sidebar.go, list.go,
// reader.go, problems.go) are value types with Update, View and SetSize.
// Loading and rendering run in tea.Cmds and come back as messages (msgs.go),
// so Update and View never do IO. Keys live in keys.go (the table of actions
// in keytable.go, remapping and its checks in keyremap.go), colours in theme.go
// and the pure layout computation in layout.go. The package imports model,
// never data: cmd/newsline wires the two together through Options.
package ui
