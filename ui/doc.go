// Package ui is newsline's terminal interface: a Bubble Tea program with a
// tag sidebar, a virtualized article list and a reader.
//
// The root Model (app.go) holds the collection, the query, the focus and
// the panes, and routes (update.go): a key goes to the question, the picker
// or the search box when one has it, else to the global bindings and then
// to the overlay or the focused pane only (input.go). The panes — sidebar.go,
// list.go with searchbox.go, reader.go, problems.go, help.go, pickers.go,
// confirm.go — are value types with Update, View and SetSize: each owns its
// state (cursor, scroll, rendering) and is given what it shows of the
// root's as an argument to View. What a pane asks of the others comes back
// from Update as an intent (intents.go), which the root applies at once, in
// one place. Marks, the external search and the render queue are
// controllers with state of their own (marks.go, search.go, cache.go).
//
// Loading and rendering run in tea.Cmds and come back as messages
// (msgs.go), so Update and View never do IO; rendered articles are cached
// once, by the Renderer (render.go). Keys live in keys.go (the table of
// actions in keytable.go, remapping and its checks in keyremap.go), colours
// in theme.go and the pure layout computation in layout.go. The package
// imports model, never data: cmd/newsline wires the two together through
// Options.
package ui
