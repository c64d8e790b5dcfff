import WarRoomCLI

WarroomMain.run()
